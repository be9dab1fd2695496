import { SegmentsClient } from "@/components/segments/segments-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("segments.title");

export default async function SegmentsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <SegmentsClient instanceId={instanceId} />;
}
