import { defineRoute } from "@/lib/api/define-route";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { ZAuditLogQuery } from "@/lib/audit/schemas";

// GET /api/v1/audit-log — the caller's tenant's audit entries, newest first, filtered and paged by cursor
export const GET = defineRoute({ role: "Admin", query: ZAuditLogQuery }, async ({ principal, query }) =>
  listAuditEntries(principal.tenantId, query),
);
