import { defineRoute } from "@/lib/api/define-route";
import { DeleteSegment, GetSegment, UpdateSegment } from "@/lib/api/operations/segments";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { getSegment } from "@/lib/segments/get-segment";
import { updateSegment } from "@/lib/segments/update-segment";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetSegment, async ({ params, instance }) => ({ segment: await getSegment(scopeOf(instance), params.segmentId) })),

  PATCH: defineRoute(UpdateSegment, async ({ params, body, instance, audit }) => ({
    segment: await updateSegment(scopeOf(instance), params.segmentId, body, audit),
  })),

  DELETE: defineRoute(DeleteSegment, async ({ params, instance, audit }) => {
    await deleteSegment(scopeOf(instance), params.segmentId, audit);
  }),
});
