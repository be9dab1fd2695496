import { defineRoute } from "@/lib/api/define-route";
import { ListSegmentMembers } from "@/lib/api/operations/segments";
import { routeMethods } from "@/lib/api/route-methods";
import { listSegmentMembers } from "@/lib/segments/list-segment-members";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListSegmentMembers, async ({ params, query, instance }) =>
    listSegmentMembers({ tenantId: instance.tenantId, instanceId: instance.id }, params.segmentId, query),
  ),
});
