import { MeasuresClient } from "@/components/measures/measures-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("measures.title");

export default async function MeasuresPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <MeasuresClient instanceId={instanceId} />;
}
