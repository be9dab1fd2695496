import { defineRoute } from "@/lib/api/define-route";
import { GetDataSourceRun } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { getDataSourceRun } from "@/lib/datasources/get-run";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetDataSourceRun, async ({ instance, params }) => ({
    run: await getDataSourceRun({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId, params.runId),
  })),
});
