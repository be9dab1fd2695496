import { defineRoute } from "@/lib/api/define-route";
import { TestFireTriggerDraft } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { testFireDraft } from "@/lib/delivery/test-fire-draft";

// A static segment: Next.js matches it before the sibling [registrationId] folder.
export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(TestFireTriggerDraft, async ({ body, instance, principal }) =>
    testFireDraft({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name, role: principal.role }, body),
  ),
});
