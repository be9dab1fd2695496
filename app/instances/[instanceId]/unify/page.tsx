import { UnifyClient } from "@/components/unify/unify-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("unify.title");

export default async function UnifyPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <UnifyClient instanceId={instanceId} />;
}
