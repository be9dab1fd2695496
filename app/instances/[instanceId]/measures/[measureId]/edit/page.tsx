import { MeasureEditor } from "@/components/measures/measure-editor";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("measures.editTitle");

export default async function EditMeasurePage({ params }: { params: Promise<{ instanceId: string; measureId: string }> }) {
  const { instanceId, measureId } = await params;
  return <MeasureEditor instanceId={instanceId} measureId={measureId} />;
}
