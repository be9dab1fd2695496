import { defineRoute } from "@/lib/api/define-route";
import { TestFireTriggerRegistration } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { testFireRegistration } from "@/lib/delivery/test-fire-registration";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(TestFireTriggerRegistration, async ({ params, instance }) => ({
    delivery: await testFireRegistration({ tenantId: instance.tenantId, instanceId: instance.id }, params.registrationId),
  })),
});
