import { AuditLogClient } from "@/components/audit-log/audit-log-client";
import { titleMetadata } from "@/lib/i18n/server-locale";

export const generateMetadata = titleMetadata("auditLog.title");

export default async function AuditLogPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <AuditLogClient instanceId={instanceId} />;
}
