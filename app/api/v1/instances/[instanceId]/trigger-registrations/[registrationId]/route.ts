import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteRegistration } from "@/lib/triggers/delete-registration";
import { getRegistration } from "@/lib/triggers/get-registration";
import { ZRegistrationParams, ZUpdateTriggerRegistration } from "@/lib/triggers/schemas";
import { updateRegistration } from "@/lib/triggers/update-registration";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/trigger-registrations/:registrationId
  GET: defineRoute({ role: "Viewer", params: ZRegistrationParams }, async ({ params, instance }) => ({
    registration: await getRegistration(scopeOf(instance), params.registrationId),
  })),

  // PATCH /api/v1/instances/:instanceId/trigger-registrations/:registrationId — name, parameters, destination
  PATCH: defineRoute(
    { role: "Contributor", params: ZRegistrationParams, body: ZUpdateTriggerRegistration },
    async ({ params, body, instance, audit }) => ({
      registration: await updateRegistration(scopeOf(instance), params.registrationId, body, audit),
    }),
  ),

  // DELETE /api/v1/instances/:instanceId/trigger-registrations/:registrationId — 204; Power Automate unsubscribes here too
  DELETE: defineRoute(
    { role: "Contributor", params: ZRegistrationParams },
    async ({ params, instance, audit }) => {
      await deleteRegistration(scopeOf(instance), params.registrationId, audit);
      return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
    },
  ),
});
