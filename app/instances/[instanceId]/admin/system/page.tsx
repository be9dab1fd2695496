import { SystemClient } from "@/components/system/system-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("system.title");

export default async function SystemPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <SystemClient instanceId={instanceId} />;
}
