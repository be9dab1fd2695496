import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listAuditActors } from "@/lib/audit/list-audit-entries";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/audit-log/actors — everyone who appears in the tenant's audit log (the screen's actor filter)
  GET: defineRoute({ role: "Admin" }, async ({ principal }) => ({
    actors: await listAuditActors(principal.tenantId),
  })),
});
