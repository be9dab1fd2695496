import { defineRoute } from "@/lib/api/define-route";
import { GetDataSourceColumnSamples } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { getColumnSamples } from "@/lib/datasources/column-samples";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetDataSourceColumnSamples, async ({ instance, params }) =>
    getColumnSamples({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId),
  ),
});
