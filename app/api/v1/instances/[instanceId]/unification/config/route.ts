import { defineRoute } from "@/lib/api/define-route";
import { GetUnificationConfig, UpdateUnificationConfig } from "@/lib/api/operations/unification";
import { routeMethods } from "@/lib/api/route-methods";
import { getConfig } from "@/lib/unification/get-config";
import { updateConfig } from "@/lib/unification/update-config";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetUnificationConfig, async ({ instance }) => getConfig({ tenantId: instance.tenantId, instanceId: instance.id })),
  PUT: defineRoute(UpdateUnificationConfig, async ({ instance, body, audit }) =>
    updateConfig({ tenantId: instance.tenantId, instanceId: instance.id }, body, audit, instance.name),
  ),
});
