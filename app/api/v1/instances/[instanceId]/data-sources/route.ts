import { z } from "zod";
import { defineRoute, json } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { createDataSource } from "@/lib/datasources/create-data-source";
import { listDataSources } from "@/lib/datasources/list-data-sources";
import { ZCreateDataSource } from "@/lib/datasources/schemas";
import { ZId } from "@/lib/ids/schemas";

const ZParams = z.object({ instanceId: ZId });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/data-sources — the instance's data sources with their last run
  GET: defineRoute({ role: "Viewer", params: ZParams }, async ({ instance }) => ({
    dataSources: await listDataSources({ tenantId: instance.tenantId, instanceId: instance.id }),
  })),

  // POST /api/v1/instances/:instanceId/data-sources — create an upload, file or url data source
  POST: defineRoute(
    { role: "Contributor", params: ZParams, body: ZCreateDataSource },
    async ({ instance, body, audit }) =>
      json({ dataSource: await createDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, body, audit) }, 201),
  ),
});
