import { buildOpenApiDocument } from "@/lib/api/openapi/build-document";
import { toReferenceView } from "@/lib/api/openapi/reference/reference-view";
import { apiOperations } from "@/lib/api/operations";

// The document and its view are built here, on the server, from the same operations as
// GET /api/v1/openapi.json, once per process: the browser receives the rendered reference, never
// zod or a renderer.
let reference: ReturnType<typeof toReferenceView> | undefined;

export const apiReferenceView = () => (reference ??= toReferenceView(buildOpenApiDocument(apiOperations)));
