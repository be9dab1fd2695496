import { z } from "zod";
import { ZAuditActor, ZAuditLogPage, ZAuditLogQuery } from "../../audit/schemas";
import { defineOperation } from "../operation";

export const ListAuditEntries = defineOperation({
  operationId: "ListAuditEntries",
  method: "GET",
  path: "/api/v1/audit-log",
  tags: ["Audit log"],
  summary: "List audit entries",
  description: "The tenant's audit entries, newest first, filtered and paged by cursor (pass `nextCursor` back as `cursor`).",
  role: "Admin",
  query: ZAuditLogQuery,
  responses: { 200: ZAuditLogPage },
});

export const ListAuditActors = defineOperation({
  operationId: "ListAuditActors",
  method: "GET",
  path: "/api/v1/audit-log/actors",
  tags: ["Audit log"],
  summary: "List audit actors",
  description: "Everyone who appears in the tenant's audit log.",
  role: "Admin",
  responses: { 200: z.object({ actors: z.array(ZAuditActor) }) },
});
