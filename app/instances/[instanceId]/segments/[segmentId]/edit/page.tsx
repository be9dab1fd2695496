import { SegmentEditor } from "@/components/segments/segment-editor";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("segments.editTitle");

export default async function EditSegmentPage({ params }: { params: Promise<{ instanceId: string; segmentId: string }> }) {
  const { instanceId, segmentId } = await params;
  return <SegmentEditor instanceId={instanceId} segmentId={segmentId} />;
}
