import { defineRoute } from "@/lib/api/define-route";
import { ReplaceDataSourceContent } from "@/lib/api/operations/data-sources";
import { routeMethods } from "@/lib/api/route-methods";
import { readUploadRequest } from "@/lib/datasources/read-upload-request";
import { uploadDataSourceContent } from "@/lib/datasources/upload-data-source-content";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(ReplaceDataSourceContent, async ({ req, instance, params, audit }) => {
    const file = await readUploadRequest(req);
    const dataSource = await uploadDataSourceContent(
      { tenantId: instance.tenantId, instanceId: instance.id },
      params.dataSourceId,
      file,
      audit,
    );
    return { dataSource };
  }),
});
