import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { ZAuditLogQuery } from "@/lib/audit/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/audit-log — the caller's tenant's audit entries, newest first, filtered and paged by cursor
  GET: defineRoute({ role: "Admin", query: ZAuditLogQuery }, async ({ principal, query }) =>
    listAuditEntries(principal.tenantId, query),
  ),
});
