import { ApiReference } from "@/components/api-reference/api-reference";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-document";
import { toReferenceView } from "@/lib/api/openapi/reference/reference-view";
import { apiOperations } from "@/lib/api/operations";
import { apiPaths } from "@/lib/ui/api-paths";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("apiReference.title");

// The document and its view are built here, on the server, from the same operations as
// GET /api/v1/openapi.json: the browser receives the rendered reference, never zod or a renderer.
let reference: ReturnType<typeof toReferenceView> | undefined;

export default function ApiReferencePage() {
  reference ??= toReferenceView(buildOpenApiDocument(apiOperations));
  return <ApiReference reference={reference} documentUrl={apiPaths.openApiDocument()} />;
}
