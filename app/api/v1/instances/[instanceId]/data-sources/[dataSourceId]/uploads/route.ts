import { z } from "zod";
import { defineRoute, json } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { readUploadRequest } from "@/lib/datasources/read-upload-request";
import { uploadDataSourceContent } from "@/lib/datasources/upload-data-source-content";
import { ZId } from "@/lib/ids/schemas";

const ZParams = z.object({ instanceId: ZId, dataSourceId: ZId });

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // POST /api/v1/instances/:instanceId/data-sources/:dataSourceId/uploads — multipart field "file", or a text/csv body
  POST: defineRoute({ role: "Contributor", params: ZParams, body: "raw" }, async ({ req, instance, params, audit }) => {
    const file = await readUploadRequest(req);
    const dataSource = await uploadDataSourceContent(
      { tenantId: instance.tenantId, instanceId: instance.id },
      params.dataSourceId,
      file,
      audit,
    );
    return json({ dataSource }, 201);
  }),
});
