import { HomeClient } from "@/components/home/home-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("home.title");

export default async function HomePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <HomeClient instanceId={instanceId} />;
}
