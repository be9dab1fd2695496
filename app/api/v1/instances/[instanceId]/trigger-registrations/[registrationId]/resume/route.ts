import { defineRoute } from "@/lib/api/define-route";
import { ResumeTriggerRegistration } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { setRegistrationPaused } from "@/lib/triggers/set-registration-paused";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(ResumeTriggerRegistration, async ({ params, instance, audit }) => ({
    registration: await setRegistrationPaused(
      { tenantId: instance.tenantId, instanceId: instance.id },
      params.registrationId,
      false,
      audit,
    ),
  })),
});
