import { notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot, registrationSnapshotColumns } from "./registration-snapshot";
import { type DbTransaction, getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import { writeTransaction } from "../db/write-transaction";

/**
 * Deletes one registration in the caller's transaction, with its audit entry; its deliveries and
 * their attempts go with it (foreign-key cascade). False when it was not there (or another
 * transaction deleted it first: counted, not assumed, so one deletion is never logged twice).
 */
const removeRegistration = async (tx: DbTransaction, scope: InstanceScope, registrationId: string, audit: AuditContext): Promise<boolean> => {
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  const before = await tx.triggerRegistration.findFirst({ where, select: registrationSnapshotColumns });
  if (!before) return false;
  const { count } = await tx.triggerRegistration.deleteMany({ where });
  if (count === 0) return false;
  await recordAudit(tx, audit, {
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    action: "triggerRegistration.deleted",
    targetType: "triggerRegistration",
    targetId: registrationId,
    targetName: before.displayName,
    changes: deletedChanges(registrationSnapshot(before)),
  });
  return true;
};

/** Removes the registration. */
export const deleteRegistration = async (scope: InstanceScope, registrationId: string, audit: AuditContext): Promise<void> => {
  await writeTransaction(getDb(), async (tx) => {
    if (!(await removeRegistration(tx, scope, registrationId, audit))) throw notFound("triggerRegistration");
  });
};

/** Removes several registrations in the caller's transaction (a destination deleted with its triggers). */
export const removeRegistrations = async (tx: DbTransaction, scope: InstanceScope, registrationIds: string[], audit: AuditContext): Promise<void> => {
  for (const registrationId of registrationIds) await removeRegistration(tx, scope, registrationId, audit);
};
