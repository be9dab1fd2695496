import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { getConfig } from "@/lib/unification/get-config";
import { ZUnificationConfig, ZUnificationParams } from "@/lib/unification/schemas";
import { updateConfig } from "@/lib/unification/update-config";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/unification/config — GetUnificationConfig: the configuration and the instance's attributes
  GET: defineRoute({ role: "Viewer", params: ZUnificationParams }, async ({ instance }) =>
    getConfig({ tenantId: instance.tenantId, instanceId: instance.id }),
  ),
  // PUT /api/v1/instances/:instanceId/unification/config — UpdateUnificationConfig: replaces it as a whole
  PUT: defineRoute({ role: "Admin", params: ZUnificationParams, body: ZUnificationConfig }, async ({ instance, body, audit }) =>
    updateConfig({ tenantId: instance.tenantId, instanceId: instance.id }, body, audit, instance.name),
  ),
});
