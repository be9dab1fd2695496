import { defineRoute } from "@/lib/api/define-route";
import { replayDelivery } from "@/lib/delivery/replay-delivery";
import { ZDeliveryParams } from "@/lib/triggers/schemas";

// POST /api/v1/instances/:instanceId/deliveries/:deliveryId/replay — re-send the exact payload, same webhook-id
export const POST = defineRoute({ role: "Contributor", params: ZDeliveryParams }, async ({ params, instance }) => ({
  delivery: await replayDelivery({ tenantId: instance.tenantId, instanceId: instance.id }, params.deliveryId),
}));
