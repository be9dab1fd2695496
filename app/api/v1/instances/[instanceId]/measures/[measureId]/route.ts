import { defineRoute } from "@/lib/api/define-route";
import { DeleteMeasure, GetMeasure, UpdateMeasure } from "@/lib/api/operations/measures";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteMeasure } from "@/lib/measures/delete-measure";
import { getMeasure } from "@/lib/measures/get-measure";
import { updateMeasure } from "@/lib/measures/update-measure";

const scopeOf = (instance: { id: string; tenantId: string }) => ({ tenantId: instance.tenantId, instanceId: instance.id });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetMeasure, async ({ params, instance }) => ({ measure: await getMeasure(scopeOf(instance), params.measureId) })),

  PATCH: defineRoute(UpdateMeasure, async ({ params, body, instance, audit }) => ({
    measure: await updateMeasure(scopeOf(instance), params.measureId, body, audit),
  })),

  DELETE: defineRoute(DeleteMeasure, async ({ params, instance, audit }) => {
    await deleteMeasure(scopeOf(instance), params.measureId, audit);
  }),
});
