import { defineRoute } from "@/lib/api/define-route";
import { ListAuditEntries } from "@/lib/api/operations/audit";
import { routeMethods } from "@/lib/api/route-methods";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListAuditEntries, async ({ principal, query }) => listAuditEntries(principal.tenantId, query)),
});
