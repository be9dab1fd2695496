import { defineRoute } from "@/lib/api/define-route";
import { PreviewTriggerDraftMessage } from "@/lib/api/operations/trigger-registrations";
import { routeMethods } from "@/lib/api/route-methods";
import { previewDraftMessage } from "@/lib/delivery/preview-draft-message";

// A static segment: Next.js matches it before the sibling [registrationId] folder.
export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(PreviewTriggerDraftMessage, async ({ body, instance }) => previewDraftMessage({ tenantId: instance.tenantId, instanceId: instance.id }, body)),
});
