import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listRuns } from "@/lib/datasources/list-runs";
import { ZId } from "@/lib/ids/schemas";

const ZParams = z.object({ instanceId: ZId, dataSourceId: ZId });
const ZQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/data-sources/:dataSourceId/runs — refresh history, newest first
  GET: defineRoute({ role: "Viewer", params: ZParams, query: ZQuery }, async ({ instance, params, query }) => ({
    runs: await listRuns({ tenantId: instance.tenantId, instanceId: instance.id }, params.dataSourceId, query.limit),
  })),
});
