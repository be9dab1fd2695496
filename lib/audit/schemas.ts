import { z } from "zod";
import { ZId } from "../ids/schemas";
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, auditActions, auditTargetTypes } from "./audit-kinds";

export { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, auditActions, auditActionsByTarget, auditTargetTypes } from "./audit-kinds";

// Shapes of the audit log shared by the API and the Admin › Audit log screen.

export const ZAuditTargetType = z.enum(auditTargetTypes);
export type TAuditTargetType = z.infer<typeof ZAuditTargetType>;

export const ZAuditAction = z.enum(auditActions);
export type TAuditAction = z.infer<typeof ZAuditAction>;

/** ISO 8601 with a time zone, so a bound means the same instant wherever the caller is. */
const ZInstant = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time with a time zone." });

export const ZAuditLogQuery = z
  .object({
    instanceId: ZId.optional(),
    targetType: ZAuditTargetType.optional(),
    action: ZAuditAction.optional(),
    actorId: z.string().trim().min(1).max(256).optional(),
    targetId: ZId.optional(),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    cursor: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: "from must not be later than to.",
    path: ["from"],
  });
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;

export const ZFieldChange = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });
export type TFieldChange = z.infer<typeof ZFieldChange>;

export const ZAuditEntry = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }),
    action: ZAuditAction,
    target: z.object({ type: ZAuditTargetType, id: z.string(), name: z.string() }),
    instance: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    changes: z.record(z.string(), ZFieldChange),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditLogPage = z.object({ entries: z.array(ZAuditEntry), nextCursor: z.string().nullable() });
export type TAuditLogPage = z.infer<typeof ZAuditLogPage>;

export const ZAuditActor = z.object({ id: z.string(), name: z.string() }).meta({ id: "AuditActor" });
export type TAuditActor = z.infer<typeof ZAuditActor>;
