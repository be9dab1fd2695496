import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { testFireRegistration } from "@/lib/delivery/test-fire-registration";
import { ZRegistrationParams } from "@/lib/triggers/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/trigger-registrations/:registrationId/test-fire — a marked sample event, logged
  POST: defineRoute({ role: "Contributor", params: ZRegistrationParams }, async ({ params, instance }) => ({
    delivery: await testFireRegistration({ tenantId: instance.tenantId, instanceId: instance.id }, params.registrationId),
  })),
});
