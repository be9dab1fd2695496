import { defineRoute } from "@/lib/api/define-route";
import { ListAuditActors } from "@/lib/api/operations/audit";
import { routeMethods } from "@/lib/api/route-methods";
import { listAuditActors } from "@/lib/audit/list-audit-entries";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListAuditActors, async ({ principal }) => ({
    actors: await listAuditActors(principal.tenantId),
  })),
});
