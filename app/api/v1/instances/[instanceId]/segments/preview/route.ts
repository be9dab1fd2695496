import { defineRoute } from "@/lib/api/define-route";
import { PreviewSegment } from "@/lib/api/operations/segments";
import { routeMethods } from "@/lib/api/route-methods";
import { previewSegment } from "@/lib/segments/preview-segment";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(PreviewSegment, async ({ instance, body }) =>
    previewSegment({ tenantId: instance.tenantId, instanceId: instance.id }, body.rule),
  ),
});
