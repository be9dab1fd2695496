import { ProfileDetailClient } from "@/components/profiles/profile-detail-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("profiles.profile");

export default async function ProfilePage({ params }: { params: Promise<{ instanceId: string; profileId: string }> }) {
  const { instanceId, profileId } = await params;
  return <ProfileDetailClient instanceId={instanceId} profileId={profileId} />;
}
