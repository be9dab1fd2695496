import { defineRoute } from "@/lib/api/define-route";
import { DeleteDestination, GetDestination, UpdateDestination } from "@/lib/api/operations/destinations";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { getDestination } from "@/lib/destinations/get-destination";
import { updateDestination } from "@/lib/destinations/update-destination";
import { removeRegistrations } from "@/lib/triggers/delete-registration";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetDestination, async ({ params, instance, principal }) => ({
    destination: await getDestination({ ...scopeOf(instance), role: principal.role }, params.destinationId),
  })),

  PATCH: defineRoute(UpdateDestination, async ({ params, body, instance, audit }) =>
    updateDestination(scopeOf(instance), params.destinationId, body, audit),
  ),

  DELETE: defineRoute(DeleteDestination, async ({ params, query, instance, audit }) => {
    await deleteDestination(
      scopeOf(instance),
      params.destinationId,
      { withTriggers: query.withTriggers === "true", removeTriggers: removeRegistrations },
      audit,
    );
  }),
});
