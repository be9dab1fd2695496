import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { deleteDataSource } from "@/lib/datasources/delete-data-source";
import { getDataSource } from "@/lib/datasources/get-data-source";
import { ZId } from "@/lib/ids/schemas";

const ZParams = z.object({ instanceId: ZId, dataSourceId: ZId });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/data-sources/:dataSourceId
  GET: defineRoute({ role: "Viewer", params: ZParams }, async ({ instance, params }) => ({
    dataSource: await getDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId),
  })),

  // DELETE /api/v1/instances/:instanceId/data-sources/:dataSourceId — with its uploads, runs and rows
  DELETE: defineRoute({ role: "Contributor", params: ZParams }, async ({ instance, params, audit }) => {
    await deleteDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId, audit);
    return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
  }),
});
