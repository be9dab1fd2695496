import { defineRoute, json } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listUnificationRuns } from "@/lib/unification/list-runs";
import { requestUnificationRun } from "@/lib/unification/request-run";
import { ZListUnificationRunsQuery, ZUnificationParams } from "@/lib/unification/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/unification/runs — ListUnificationRuns, newest first ($top / $skip)
  GET: defineRoute({ role: "Viewer", params: ZUnificationParams, query: ZListUnificationRunsQuery }, async ({ instance, query }) =>
    listUnificationRuns({ tenantId: instance.tenantId, instanceId: instance.id }, { top: query.$top, skip: query.$skip }),
  ),
  // POST /api/v1/instances/:instanceId/unification/runs — StartUnification: 202 with the queued run, or with the run
  // already queued or running (as StartDataSourceRefresh: either way the work is accepted and not done yet)
  POST: defineRoute({ role: "Contributor", params: ZUnificationParams }, async ({ instance, audit }) => {
    const { run } = await requestUnificationRun({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, "onDemand", audit);
    return json({ run }, 202);
  }),
});
