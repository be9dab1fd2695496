import { defineRoute } from "@/lib/api/define-route";
import { CreateMeasure, ListMeasures } from "@/lib/api/operations/measures";
import { routeMethods } from "@/lib/api/route-methods";
import { createMeasure } from "@/lib/measures/create-measure";
import { listMeasures } from "@/lib/measures/list-measures";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListMeasures, async ({ instance }) => ({ measures: await listMeasures(scopeOf(instance)) })),

  POST: defineRoute(CreateMeasure, async ({ instance, body, audit }) => ({ measure: await createMeasure(scopeOf(instance), body, audit) })),
});
