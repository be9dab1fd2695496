import { defineRoute } from "@/lib/api/define-route";
import { PauseTriggerRegistration } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { setRegistrationPaused } from "@/lib/triggers/set-registration-paused";
import { registrationFor } from "@/lib/triggers/to-registration-dto";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(PauseTriggerRegistration, async ({ params, instance, principal, audit }) => ({
    registration: registrationFor(
      principal.role,
      await setRegistrationPaused(
        { tenantId: instance.tenantId, instanceId: instance.id },
        params.registrationId,
        true,
        audit,
      ),
    ),
  })),
});
