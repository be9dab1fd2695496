import { z } from "zod";
import { defineRoute, json } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { requestRefresh } from "@/lib/datasources/request-refresh";
import { ZId } from "@/lib/ids/schemas";

const ZParams = z.object({ instanceId: ZId, dataSourceId: ZId });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/data-sources/:dataSourceId/refresh — queue a refresh (or return the active one)
  POST: defineRoute({ role: "Contributor", params: ZParams }, async ({ instance, params, audit }) => {
    const scope = { tenantId: instance.tenantId, instanceId: instance.id };
    return json({ run: await requestRefresh(scope, params.dataSourceId, "onDemand", undefined, audit) }, 202);
  }),
});
