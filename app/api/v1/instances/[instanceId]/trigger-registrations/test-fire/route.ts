import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { testFireDraft } from "@/lib/delivery/test-fire-draft";
import { ZInstanceParams } from "@/lib/ids/schemas";
import { ZDraftTestFire } from "@/lib/delivery/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/trigger-registrations/test-fire — the wizard's test before saving.
  // A static segment: Next.js matches it before the sibling [registrationId] folder.
  POST: defineRoute(
    { role: "Contributor", params: ZInstanceParams, body: ZDraftTestFire },
    async ({ body, instance }) =>
      testFireDraft({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, body),
  ),
});
