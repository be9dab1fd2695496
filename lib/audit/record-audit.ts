import type { DbTransaction } from "../db/client";
import { newId } from "../ids/new-id";
import type { AuditContext } from "./audit-context";
import type { Changes } from "./diff-changes";
import type { TAuditAction, TAuditTargetType } from "./schemas";

export type AuditRecord = {
  /** The tenant the changed record belongs to; must be the acting caller's. */
  tenantId: string;
  instanceId: string | null;
  action: TAuditAction;
  targetType: TAuditTargetType;
  targetId: string;
  targetName: string;
  /** Before/after of the touched fields. Callers pass no secrets; URLs go through redactUrl. */
  changes: Changes;
};

/**
 * Writes one audit entry inside the caller's transaction, so the entry exists exactly when
 * the change it describes was committed. The tenant is the caller's, never the record's
 * say-so, and a record of another tenant aborts the whole transaction.
 */
export const recordAudit = async (tx: DbTransaction, context: AuditContext, entry: AuditRecord): Promise<void> => {
  if (entry.tenantId !== context.tenantId) {
    throw new Error(`Audit entry for tenant ${entry.tenantId} recorded by a caller of tenant ${context.tenantId}.`);
  }
  const now = new Date();
  await tx.auditEntry.create({
    data: {
      id: newId("aud", now.getTime()),
      tenantId: context.tenantId,
      instanceId: entry.instanceId,
      actorId: context.actorId,
      actorName: context.actorName,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      targetName: entry.targetName,
      changes: JSON.parse(JSON.stringify(entry.changes)),
      ip: context.ip,
      userAgent: context.userAgent,
      createdAt: now,
    },
  });
};
