import { MeasureDetailClient } from "@/components/measures/measure-detail-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("measures.measure");

export default async function MeasurePage({ params }: { params: Promise<{ instanceId: string; measureId: string }> }) {
  const { instanceId, measureId } = await params;
  return <MeasureDetailClient instanceId={instanceId} measureId={measureId} />;
}
