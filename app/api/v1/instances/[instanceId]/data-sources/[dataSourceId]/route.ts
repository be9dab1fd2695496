import { defineRoute } from "@/lib/api/define-route";
import { DeleteDataSource, GetDataSource } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteDataSource } from "@/lib/datasources/delete-data-source";
import { getDataSource } from "@/lib/datasources/get-data-source";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetDataSource, async ({ instance, params }) => ({
    dataSource: await getDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId),
  })),

  DELETE: defineRoute(DeleteDataSource, async ({ instance, params, audit }) => {
    await deleteDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId, audit);
  }),
});
