import { defineRoute } from "@/lib/api/define-route";
import {
  DeleteTriggerRegistration,
  GetTriggerRegistration,
  UpdateTriggerRegistration,
} from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteRegistration } from "@/lib/triggers/delete-registration";
import { getRegistration } from "@/lib/triggers/get-registration";
import { registrationFor } from "@/lib/triggers/to-registration-dto";
import { updateRegistration } from "@/lib/triggers/update-registration";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetTriggerRegistration, async ({ params, instance, principal }) => ({
    registration: registrationFor(principal.role, await getRegistration(scopeOf(instance), params.registrationId)),
  })),

  PATCH: defineRoute(UpdateTriggerRegistration, async ({ params, body, instance, principal, audit }) => ({
    registration: registrationFor(principal.role, await updateRegistration(scopeOf(instance), params.registrationId, body, audit)),
  })),

  DELETE: defineRoute(DeleteTriggerRegistration, async ({ params, instance, audit }) => {
    await deleteRegistration(scopeOf(instance), params.registrationId, audit);
  }),
});
