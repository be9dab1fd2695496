import { defineRoute } from "@/lib/api/define-route";
import { ListDataSourceRuns } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { listRuns } from "@/lib/datasources/list-runs";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListDataSourceRuns, async ({ instance, params, query }) => ({
    runs: await listRuns({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId, query.limit),
  })),
});
