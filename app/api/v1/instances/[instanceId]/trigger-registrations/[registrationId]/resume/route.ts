import { defineRoute } from "@/lib/api/define-route";
import { ZRegistrationParams } from "@/lib/triggers/schemas";
import { setRegistrationPaused } from "@/lib/triggers/set-registration-paused";

// POST /api/v1/instances/:instanceId/trigger-registrations/:registrationId/resume
export const POST = defineRoute({ role: "Contributor", params: ZRegistrationParams }, async ({ params, instance, audit }) => ({
  registration: await setRegistrationPaused(
    { tenantId: instance.tenantId, instanceId: instance.id },
    params.registrationId,
    false,
    audit,
  ),
}));
