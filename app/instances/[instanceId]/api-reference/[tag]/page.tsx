import { notFound } from "next/navigation";
import { ApiReference } from "@/components/api-reference/api-reference";
import { titleMetadata } from "@/lib/i18n/server-locale";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { apiReferenceView } from "../reference";

export const generateMetadata = titleMetadata("apiReference.title");

export default async function ApiReferenceTagPage({ params }: { params: Promise<{ instanceId: string; tag: string }> }) {
  const { instanceId, tag: slug } = await params;
  const { title, version, tags } = apiReferenceView();
  const tag = tags.find((candidate) => candidate.slug === slug);
  if (!tag) notFound();
  return (
    <ApiReference
      page="tag"
      title={title}
      version={version}
      documentUrl={apiPaths.openApiDocument()}
      basePath={appPaths.apiReference(instanceId)}
      tags={tags.map(({ name, slug }) => ({ name, slug }))}
      tag={tag}
    />
  );
}
