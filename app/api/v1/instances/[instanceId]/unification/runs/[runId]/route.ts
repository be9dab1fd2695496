import { defineRoute } from "@/lib/api/define-route";
import { GetUnificationRun } from "@/lib/api/operations/unification";
import { routeMethods } from "@/lib/api/route-methods";
import { getUnificationRun } from "@/lib/unification/get-run";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetUnificationRun, async ({ instance, params }) => ({
    run: await getUnificationRun({ tenantId: instance.tenantId, instanceId: instance.id }, params.runId),
  })),
});
