import { ExportDestinationsClient } from "@/components/export-destinations/export-destinations-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("exportDestinations.title");

export default async function ExportDestinationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const [{ instanceId }, { tab }] = await Promise.all([params, searchParams]);
  return <ExportDestinationsClient instanceId={instanceId} initialTab={tab === "mine" || tab === "triggers" ? tab : "discover"} />;
}
