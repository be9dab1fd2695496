import { SegmentDetailClient } from "@/components/segments/segment-detail-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("segments.segment");

export default async function SegmentPage({ params }: { params: Promise<{ instanceId: string; segmentId: string }> }) {
  const { instanceId, segmentId } = await params;
  return <SegmentDetailClient instanceId={instanceId} segmentId={segmentId} />;
}
