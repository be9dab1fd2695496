import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listDeliveries } from "@/lib/delivery/deliveries";
import { ZListDeliveriesQuery } from "@/lib/delivery/schemas";
import { ZRegistrationParams } from "@/lib/triggers/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/trigger-registrations/:registrationId/deliveries?limit=1..200 (default 50)
  GET: defineRoute(
    { role: "Viewer", params: ZRegistrationParams, query: ZListDeliveriesQuery },
    async ({ params, query, instance }) => ({
      deliveries: await listDeliveries({ tenantId: instance.tenantId, instanceId: instance.id }, params.registrationId, {
        limit: query.limit,
      }),
    }),
  ),
});
