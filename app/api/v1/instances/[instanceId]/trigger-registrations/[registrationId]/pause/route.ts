import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { ZRegistrationParams } from "@/lib/triggers/schemas";
import { setRegistrationPaused } from "@/lib/triggers/set-registration-paused";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/trigger-registrations/:registrationId/pause
  POST: defineRoute({ role: "Contributor", params: ZRegistrationParams }, async ({ params, instance, audit }) => ({
    registration: await setRegistrationPaused(
      { tenantId: instance.tenantId, instanceId: instance.id },
      params.registrationId,
      true,
      audit,
    ),
  })),
});
