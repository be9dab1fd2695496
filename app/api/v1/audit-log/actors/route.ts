import { defineRoute } from "@/lib/api/define-route";
import { listAuditActors } from "@/lib/audit/list-audit-entries";

// GET /api/v1/audit-log/actors — everyone who appears in the tenant's audit log (the screen's actor filter)
export const GET = defineRoute({ role: "Admin" }, async ({ principal }) => ({
  actors: await listAuditActors(principal.tenantId),
}));
