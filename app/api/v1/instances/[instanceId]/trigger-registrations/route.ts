import { defineRoute, json } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { ZInstanceParams } from "@/lib/ids/schemas";
import { createRegistration } from "@/lib/triggers/create-registration";
import { listRegistrations } from "@/lib/triggers/list-registrations";
import { ZCreateTriggerRegistration } from "@/lib/triggers/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/trigger-registrations — the instance's triggers (never their secrets)
  GET: defineRoute({ role: "Viewer", params: ZInstanceParams }, async ({ instance }) => ({
    registrations: await listRegistrations({ tenantId: instance.tenantId, instanceId: instance.id }),
  })),

  // POST /api/v1/instances/:instanceId/trigger-registrations — 201 with the signing secret, shown this once
  POST: defineRoute(
    { role: "Contributor", params: ZInstanceParams, body: ZCreateTriggerRegistration },
    async ({ req, body, instance, principal, audit }) => {
      const created = await createRegistration(
        { tenantId: instance.tenantId, instanceId: instance.id, ownerId: principal.userId },
        body,
        audit,
      );
      const location = new URL(
        `/api/v1/instances/${encodeURIComponent(instance.id)}/trigger-registrations/${encodeURIComponent(created.registration.id)}`,
        req.url,
      );
      return json(created, 201, { location: location.toString() });
    },
  ),
});
