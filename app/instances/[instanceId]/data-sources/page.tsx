import { DataSourcesClient } from "@/components/data-sources/data-sources-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("dataSources.title");

export default async function DataSourcesPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <DataSourcesClient instanceId={instanceId} />;
}
