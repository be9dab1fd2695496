import { defineRoute } from "@/lib/api/define-route";
import { StartDataSourceRefresh } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { requestRefresh } from "@/lib/datasources/request-refresh";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(StartDataSourceRefresh, async ({ instance, params, audit }) => {
    const scope = { tenantId: instance.tenantId, instanceId: instance.id };
    return { run: await requestRefresh(scope, params.dataSourceId, "onDemand", undefined, audit) };
  }),
});
