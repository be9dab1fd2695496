import { defineRoute } from "@/lib/api/define-route";
import { ListTriggerRegistrationDeliveries } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { listDeliveries } from "@/lib/delivery/deliveries";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListTriggerRegistrationDeliveries, async ({ params, query, instance }) => ({
    deliveries: await listDeliveries({ tenantId: instance.tenantId, instanceId: instance.id }, params.registrationId, {
      limit: query.limit,
    }),
  })),
});
