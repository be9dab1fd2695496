import { defineRoute } from "@/lib/api/define-route";
import { ListUnificationRuns, StartUnification } from "@/lib/api/operations/unification";
import { routeMethods } from "@/lib/api/route-methods";
import { listUnificationRuns } from "@/lib/unification/list-runs";
import { requestUnificationRun } from "@/lib/unification/request-run";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListUnificationRuns, async ({ instance, query }) =>
    listUnificationRuns({ tenantId: instance.tenantId, instanceId: instance.id }, { top: query.$top, skip: query.$skip }),
  ),
  // 202 with the queued run, or with the run already queued or running (as StartDataSourceRefresh:
  // either way the work is accepted and not done yet).
  POST: defineRoute(StartUnification, async ({ instance, audit }) => {
    const { run } = await requestUnificationRun({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, "onDemand", audit);
    return { run };
  }),
});
