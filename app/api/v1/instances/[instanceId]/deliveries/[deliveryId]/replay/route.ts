import { defineRoute } from "@/lib/api/define-route";
import { ReplayDelivery } from "@/lib/api/operations/deliveries";
import { routeMethods } from "@/lib/api/route-methods";
import { replayDelivery } from "@/lib/delivery/replay-delivery";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(ReplayDelivery, async ({ params, instance }) => ({
    delivery: await replayDelivery({ tenantId: instance.tenantId, instanceId: instance.id }, params.deliveryId),
  })),
});
