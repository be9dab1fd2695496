import { defineRoute } from "@/lib/api/define-route";
import { CreateDataSource, ListDataSources } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { createDataSource } from "@/lib/datasources/create-data-source";
import { listDataSources } from "@/lib/datasources/list-data-sources";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListDataSources, async ({ instance }) => ({
    dataSources: await listDataSources({ tenantId: instance.tenantId, instanceId: instance.id }),
  })),

  POST: defineRoute(CreateDataSource, async ({ instance, body, audit }) => ({
    dataSource: await createDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, body, audit),
  })),
});
