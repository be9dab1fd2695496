import { defineRoute } from "@/lib/api/define-route";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-document";
import { apiOperations } from "@/lib/api/operations";
import { GetOpenApiDocument } from "@/lib/api/operations/api-description";
import { routeMethods } from "@/lib/api/route-methods";

// Built once per server: the operations do not change while it runs.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetOpenApiDocument, async () => (document ??= buildOpenApiDocument(apiOperations)) as { openapi: string; paths: Record<string, unknown> }),
});
