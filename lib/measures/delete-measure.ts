import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { measureSnapshot } from "../audit/snapshots";
import { type Db, type DbTransaction, getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import type { SegmentScope } from "../segments/compile-rule";

const measureInUse = (name: string, triggers: Array<{ id: string; displayName: string }>) =>
  new AppError("conflict", `The measure "${name}" is used by ${triggers.length} trigger(s); delete them or point them at another measure first.`, {
    reason: "measure_in_use",
    name,
    triggers,
  });

const watchingTriggers = (db: Db | DbTransaction, scope: SegmentScope, measureId: string) =>
  db.triggerRegistration.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, measureId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true },
  });

/**
 * Deletes a measure with its computation history. One that triggers watch is kept (409 naming
 * them); the foreign key holds that rule against a trigger saved at the same moment.
 */
export const deleteMeasure = async (scope: SegmentScope, measureId: string, audit: AuditContext, db: Db = getDb()): Promise<void> => {
  const where = { id: measureId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  let name = "";
  try {
    await writeTransaction(db, async (tx) => {
      const before = await tx.measure.findFirst({ where, select: { name: true, description: true, aggregation: true, attribute: true, segmentId: true } });
      if (!before) throw notFound("measure");
      name = before.name;
      const triggers = await watchingTriggers(tx, scope, measureId);
      if (triggers.length > 0) throw measureInUse(before.name, triggers);
      const { count } = await tx.measure.deleteMany({ where });
      if (count === 0) throw notFound("measure");
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "measure.deleted",
        targetType: "measure",
        targetId: measureId,
        targetName: before.name,
        changes: deletedChanges(measureSnapshot(before)),
      });
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const triggers = await watchingTriggers(db, scope, measureId);
    if (triggers.length > 0) throw measureInUse(name, triggers);
    throw new AppError("conflict", "The measure changed while it was being deleted. Try again.");
  }
};
