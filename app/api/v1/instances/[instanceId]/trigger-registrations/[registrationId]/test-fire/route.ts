import { defineRoute } from "@/lib/api/define-route";
import { testFireRegistration } from "@/lib/delivery/test-fire-registration";
import { ZRegistrationParams } from "@/lib/triggers/schemas";

// POST /api/v1/instances/:instanceId/trigger-registrations/:registrationId/test-fire — a marked sample event, logged
export const POST = defineRoute({ role: "Contributor", params: ZRegistrationParams }, async ({ params, instance }) => ({
  delivery: await testFireRegistration({ tenantId: instance.tenantId, instanceId: instance.id }, params.registrationId),
}));
