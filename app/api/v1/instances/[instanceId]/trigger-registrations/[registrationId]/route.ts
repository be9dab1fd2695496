import { defineRoute } from "@/lib/api/define-route";
import { deleteRegistration } from "@/lib/triggers/delete-registration";
import { getRegistration } from "@/lib/triggers/get-registration";
import { ZRegistrationParams, ZUpdateTriggerRegistration } from "@/lib/triggers/schemas";
import { updateRegistration } from "@/lib/triggers/update-registration";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

// GET /api/v1/instances/:instanceId/trigger-registrations/:registrationId
export const GET = defineRoute({ role: "Viewer", params: ZRegistrationParams }, async ({ params, instance }) => ({
  registration: await getRegistration(scopeOf(instance), params.registrationId),
}));

// PATCH /api/v1/instances/:instanceId/trigger-registrations/:registrationId — name, parameters, destination
export const PATCH = defineRoute(
  { role: "Contributor", params: ZRegistrationParams, body: ZUpdateTriggerRegistration },
  async ({ params, body, instance, audit }) => ({
    registration: await updateRegistration(scopeOf(instance), params.registrationId, body, audit),
  }),
);

// DELETE /api/v1/instances/:instanceId/trigger-registrations/:registrationId — 204; Power Automate unsubscribes here too
export const DELETE = defineRoute(
  { role: "Contributor", params: ZRegistrationParams },
  async ({ params, instance, audit }) => {
    await deleteRegistration(scopeOf(instance), params.registrationId, audit);
    return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
  },
);
