import { MeasureEditor } from "@/components/measures/measure-editor";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("measures.newTitle");

export default async function NewMeasurePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <MeasureEditor instanceId={instanceId} measureId={null} />;
}
