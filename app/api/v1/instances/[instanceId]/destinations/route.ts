import { defineRoute, json } from "@/lib/api/define-route";
import { CreateDestination, ListDestinations } from "@/lib/api/operations/destinations";
import { routeMethods } from "@/lib/api/route-methods";
import { createDestination } from "@/lib/destinations/create-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import type { TCreatedDestination } from "@/lib/destinations/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListDestinations, async ({ instance, principal }) => ({
    destinations: await listDestinations({ tenantId: instance.tenantId, instanceId: instance.id, role: principal.role }),
  })),

  // A Response of its own for the Location header; `satisfies` keeps the body checked against the operation's 201.
  POST: defineRoute(CreateDestination, async ({ req, body, instance, principal, audit }) => {
    const created = await createDestination({ tenantId: instance.tenantId, instanceId: instance.id, ownerId: principal.userId }, body, audit);
    const location = new URL(
      `/api/v1/instances/${encodeURIComponent(instance.id)}/destinations/${encodeURIComponent(created.destination.id)}`,
      req.url,
    );
    return json(created satisfies TCreatedDestination, 201, { location: location.toString() });
  }),
});
