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

export type TFieldChange = { before?: unknown; after?: unknown };

export type TAuditEntry = {
  id: string;
  createdAt: string;
  actor: { id: string; name: string };
  action: TAuditAction;
  target: { type: TAuditTargetType; id: string; name: string };
  instance: { id: string; name: string | null } | null;
  changes: Record<string, TFieldChange>;
  ip: string | null;
  userAgent: string | null;
};

export type TAuditLogPage = { entries: TAuditEntry[]; nextCursor: string | null };

export type TAuditActor = { id: string; name: string };
