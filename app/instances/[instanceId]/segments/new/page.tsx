import { SegmentEditor } from "@/components/segments/segment-editor";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("segments.newTitle");

export default async function NewSegmentPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <SegmentEditor instanceId={instanceId} segmentId={null} />;
}
