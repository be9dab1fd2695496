import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import type { InstanceScope } from "../triggers/instance-scope";
import { registrationSnapshot, registrationSnapshotColumns } from "../triggers/registration-snapshot";
import { destinationSnapshot, destinationSnapshotColumns } from "./destination-snapshot";

type UsingTrigger = { id: string; displayName: string };

const destinationInUse = (name: string, triggers: UsingTrigger[]) =>
  new AppError(
    "conflict",
    `The destination "${name}" is used by ${triggers.length} trigger(s); delete them first, or delete the destination with them (withTriggers=true).`,
    { reason: "destination_in_use", name, triggers },
  );

const usingTriggers = (db: Pick<ReturnType<typeof getDb>, "triggerRegistration">, scope: InstanceScope, destinationId: string) =>
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
  scope: InstanceScope,
  destinationId: string,
  options: { withTriggers: boolean },
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
      for (const trigger of triggers) {
        const registration = await tx.triggerRegistration.findFirst({
          where: { id: trigger.id, tenantId: scope.tenantId, instanceId: scope.instanceId },
          select: { ...registrationSnapshotColumns, destination: { select: { displayName: true } } },
        });
        const { count } = await tx.triggerRegistration.deleteMany({ where: { id: trigger.id, tenantId: scope.tenantId, instanceId: scope.instanceId } });
        if (count === 0 || !registration) continue;
        await recordAudit(tx, audit, {
          tenantId: scope.tenantId,
          instanceId: scope.instanceId,
          action: "triggerRegistration.deleted",
          targetType: "triggerRegistration",
          targetId: trigger.id,
          targetName: trigger.displayName,
          changes: deletedChanges(registrationSnapshot(registration)),
        });
      }
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
