import { TriggerDetailClient } from "@/components/trigger-detail/trigger-detail-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("trigger.details");

export default async function TriggerDetailPage({ params }: { params: Promise<{ instanceId: string; registrationId: string }> }) {
  const { instanceId, registrationId } = await params;
  return <TriggerDetailClient instanceId={instanceId} registrationId={registrationId} />;
}
