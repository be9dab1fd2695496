import { ApiReference } from "@/components/api-reference/api-reference";
import { titleMetadata } from "@/lib/i18n/server-locale";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { apiReferenceView } from "./reference";

export const generateMetadata = titleMetadata("apiReference.title");

export default async function ApiReferencePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const { title, version, description, tags, errorBodies } = apiReferenceView();
  return (
    <ApiReference
      page="contents"
      title={title}
      version={version}
      description={description}
      documentUrl={apiPaths.openApiDocument()}
      basePath={appPaths.apiReference(instanceId)}
      // Only what the list shows: the operations' details are on their tag's page.
      tags={tags.map(({ name, slug, operations }) => ({
        name,
        slug,
        operations: operations.map(({ operationId, method, path, summary }) => ({ operationId, method, path, summary })),
      }))}
      errorBodies={errorBodies}
    />
  );
}
