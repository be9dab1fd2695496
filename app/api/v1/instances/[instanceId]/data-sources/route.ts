import { z } from "zod";
import { defineRoute, json } from "@/lib/api/define-route";
import { createDataSource } from "@/lib/datasources/create-data-source";
import { listDataSources } from "@/lib/datasources/list-data-sources";
import { ZCreateDataSource } from "@/lib/datasources/schemas";
import { ZId } from "@/lib/triggers/schemas";

const ZParams = z.object({ instanceId: ZId });

// GET /api/v1/instances/:instanceId/data-sources — the instance's data sources with their last run
export const GET = defineRoute({ role: "Viewer", params: ZParams }, async ({ instance }) => ({
  dataSources: await listDataSources({ tenantId: instance.tenantId, instanceId: instance.id }),
}));

// POST /api/v1/instances/:instanceId/data-sources — create an upload, file or url data source
export const POST = defineRoute(
  { role: "Contributor", params: ZParams, body: ZCreateDataSource },
  async ({ instance, body, audit }) =>
    json({ dataSource: await createDataSource({ tenantId: instance.tenantId, instanceId: instance.id }, body, audit) }, 201),
);
