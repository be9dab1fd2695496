import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { getUnificationRun } from "@/lib/unification/get-run";
import { ZUnificationRunParams } from "@/lib/unification/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/unification/runs/:runId — GetUnificationRun, with its stages' live progress
  GET: defineRoute({ role: "Viewer", params: ZUnificationRunParams }, async ({ instance, params }) => ({
    run: await getUnificationRun({ tenantId: instance.tenantId, instanceId: instance.id }, params.runId),
  })),
});
