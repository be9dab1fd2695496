import { defineRoute } from "@/lib/api/define-route";
import { CreateSegment, ListSegments } from "@/lib/api/operations/segments";
import { routeMethods } from "@/lib/api/route-methods";
import { createSegment } from "@/lib/segments/create-segment";
import { listSegments } from "@/lib/segments/list-segments";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListSegments, async ({ instance }) => ({ segments: await listSegments(scopeOf(instance)) })),

  POST: defineRoute(CreateSegment, async ({ instance, body, audit }) => ({ segment: await createSegment(scopeOf(instance), body, audit) })),
});
