import { z } from "zod";
import { ZDelivery, ZDeliveryParams } from "../../delivery/schemas";
import { defineOperation } from "../operation";

export const ReplayDelivery = defineOperation({
  operationId: "ReplayDelivery",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/deliveries/{deliveryId}/replay",
  tags: ["Deliveries"],
  summary: "Replay a delivery",
  description:
    "Sends the exact payload again, with the same webhook-id. Refused (409) while the delivery is being sent, or when its registration's endpoint said it no longer exists (resume the registration first).",
  role: "Contributor",
  params: ZDeliveryParams,
  responses: { 200: z.object({ delivery: ZDelivery }) },
  errors: [404, 409],
});
