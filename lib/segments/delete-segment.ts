import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { segmentSnapshot } from "../audit/snapshots";
import { type Db, type DbTransaction, getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import type { SegmentScope } from "./compile-rule";

const segmentInUse = (name: string, triggers: Array<{ id: string; displayName: string }>, measures: Array<{ id: string; name: string }>) =>
  new AppError(
    "conflict",
    `The segment "${name}" is used by ${triggers.length} trigger(s) and ${measures.length} measure(s); delete them or change them first.`,
    { reason: "segment_in_use", name, triggers, measures },
  );

/** The triggers and measures that use the segment, oldest first. */
const segmentUsers = async (db: Db | DbTransaction, scope: SegmentScope, segmentId: string) => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId, segmentId };
  const orderBy = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [triggers, measures] = await Promise.all([
    db.triggerRegistration.findMany({ where, orderBy, select: { id: true, displayName: true } }),
    db.measure.findMany({ where, orderBy, select: { id: true, name: true } }),
  ]);
  return { triggers, measures };
};

/**
 * Deletes a segment with its computation history. One that triggers or measures use is kept
 * (409 naming them): they would be left watching nothing. The foreign keys hold that rule
 * against a trigger or measure saved at the same moment.
 */
export const deleteSegment = async (scope: SegmentScope, segmentId: string, audit: AuditContext, db: Db = getDb()): Promise<void> => {
  const where = { id: segmentId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  let name = "";
  try {
    await writeTransaction(db, async (tx) => {
      const before = await tx.segment.findFirst({ where, select: { name: true, description: true, rule: true } });
      if (!before) throw notFound("segment");
      name = before.name;
      const users = await segmentUsers(tx, scope, segmentId);
      if (users.triggers.length + users.measures.length > 0) throw segmentInUse(before.name, users.triggers, users.measures);
      const { count } = await tx.segment.deleteMany({ where });
      if (count === 0) throw notFound("segment");
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "segment.deleted",
        targetType: "segment",
        targetId: segmentId,
        targetName: before.name,
        changes: deletedChanges(segmentSnapshot(before)),
      });
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    // A trigger or measure saved after the check committed first; the transaction is aborted,
    // so its users are read again outside it.
    const users = await segmentUsers(db, scope, segmentId);
    if (users.triggers.length + users.measures.length > 0) throw segmentInUse(name, users.triggers, users.measures);
    throw new AppError("conflict", "The segment changed while it was being deleted. Try again.");
  }
};
