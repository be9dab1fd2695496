import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { type DbTransaction, getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import type { DestinationScope } from "./scope";
import { destinationSnapshot, destinationSnapshotColumns } from "./destination-snapshot";

type UsingTrigger = { id: string; displayName: string };

/**
 * Deletes, in the destination's transaction, the triggers that use it, each with its audit entry:
 * the triggers' own deletion (lib/triggers/delete-registration.ts), which the caller hands in,
 * since triggers build on destinations and not the other way round.
 */
export type RemoveTriggers = (tx: DbTransaction, scope: DestinationScope, triggerIds: string[], audit: AuditContext) => Promise<void>;

const destinationInUse = (name: string, triggers: UsingTrigger[]) =>
  new AppError(
    "conflict",
    `The destination "${name}" is used by ${triggers.length} trigger(s); delete them first, or delete the destination with them (withTriggers=true).`,
    { reason: "destination_in_use", name, triggers },
  );

const usingTriggers = (db: Pick<ReturnType<typeof getDb>, "triggerRegistration">, scope: DestinationScope, destinationId: string) =>
  db.triggerRegistration.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, destinationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true },
  });

/**
 * Removes a destination. One that triggers use is kept (409 naming them) unless `withTriggers`,
 * which deletes those triggers (and their delivery history) in the same transaction. The foreign
 * key holds the rule against a trigger saved on it at the same moment.
 */
export const deleteDestination = async (
  scope: DestinationScope,
  destinationId: string,
  options: { withTriggers: boolean; removeTriggers: RemoveTriggers },
  audit: AuditContext,
): Promise<void> => {
  const where = { id: destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  let name = "";
  try {
    await writeTransaction(getDb(), async (tx) => {
      const before = await tx.destination.findFirst({ where, select: destinationSnapshotColumns });
      if (!before) throw notFound("destination");
      name = before.displayName;
      const triggers = await usingTriggers(tx, scope, destinationId);
      if (triggers.length > 0 && !options.withTriggers) throw destinationInUse(before.displayName, triggers);
      if (triggers.length > 0) await options.removeTriggers(tx, scope, triggers.map((trigger) => trigger.id), audit);
      const { count } = await tx.destination.deleteMany({ where });
      if (count === 0) throw notFound("destination");
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "destination.deleted",
        targetType: "destination",
        targetId: destinationId,
        targetName: before.displayName,
        changes: deletedChanges(destinationSnapshot(before)),
      });
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    // A trigger saved on it after the check committed first; the transaction is aborted, so the
    // triggers are read again outside it.
    const triggers = await usingTriggers(getDb(), scope, destinationId);
    if (triggers.length > 0) throw destinationInUse(name, triggers);
    throw new AppError("conflict", "The destination changed while it was being deleted. Try again.");
  }
};
