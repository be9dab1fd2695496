import { defineRoute, json } from "@/lib/api/define-route";
import { CreateTriggerRegistration, ListTriggerRegistrations } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { createRegistration } from "@/lib/triggers/create-registration";
import { listRegistrations } from "@/lib/triggers/list-registrations";
import { registrationFor } from "@/lib/triggers/to-registration-dto";
import type { TCreatedTriggerRegistration } from "@/lib/triggers/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListTriggerRegistrations, async ({ instance, principal, query }) => ({
    registrations: (await listRegistrations({ tenantId: instance.tenantId, instanceId: instance.id, callerId: principal.userId }, query)).map(
      (registration) => registrationFor(principal.role, registration),
    ),
  })),

  // A Response of its own for the Location header; `satisfies` keeps the body checked against the operation's 201.
  POST: defineRoute(CreateTriggerRegistration, async ({ req, body, instance, principal, audit }) => {
    const created = await createRegistration(
      { tenantId: instance.tenantId, instanceId: instance.id, ownerId: principal.userId, role: principal.role },
      body,
      audit,
    );
    const shown = { ...created, registration: registrationFor(principal.role, created.registration) };
    const location = new URL(
      `/api/v1/instances/${encodeURIComponent(instance.id)}/trigger-registrations/${encodeURIComponent(created.registration.id)}`,
      req.url,
    );
    return json(shown satisfies TCreatedTriggerRegistration, 201, { location: location.toString() });
  }),
});
