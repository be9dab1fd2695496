import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { replayDelivery } from "@/lib/delivery/replay-delivery";
import { ZDeliveryParams } from "@/lib/delivery/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/deliveries/:deliveryId/replay — re-send the exact payload, same webhook-id
  POST: defineRoute({ role: "Contributor", params: ZDeliveryParams }, async ({ params, instance }) => ({
    delivery: await replayDelivery({ tenantId: instance.tenantId, instanceId: instance.id }, params.deliveryId),
  })),
});
