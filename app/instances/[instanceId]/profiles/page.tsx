import { ProfilesClient } from "@/components/profiles/profiles-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("profiles.title");

export default async function ProfilesPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <ProfilesClient instanceId={instanceId} />;
}
