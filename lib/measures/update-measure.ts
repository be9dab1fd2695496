import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { measureSnapshot } from "../audit/snapshots";
import { type Db, getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { isUniqueViolation } from "../db/unique-violation";
import { notFound } from "../errors/app-error";
import type { SegmentScope } from "../segments/compile-rule";
import { computeMeasureIn } from "./compute-measure";
import { getMeasureSummary } from "./get-measure";
import { assertMeasureNameFree, measureNameTaken } from "./measure-name";
import type { TMeasureAggregation } from "./measure-vocabulary";
import { type TMeasure, type TUpdateMeasure, measureIssueMessages } from "./schemas";
import { assertMeasureValid, invalidMeasure } from "./validate-measure";

/** What, changed, makes a new value: the measure is computed again at once when one of these changes. */
const definitionFields = ["aggregation", "attribute", "segmentId"] as const;

/**
 * Changes a measure (with its audit entry). A changed definition (aggregation, attribute, segment)
 * is checked as a whole, as a new one would be, and computed at once; its history keeps the
 * earlier values.
 */
export const updateMeasure = async (
  scope: SegmentScope,
  measureId: string,
  input: TUpdateMeasure,
  audit: AuditContext,
  db: Db = getDb(),
): Promise<TMeasure> => {
  const where = { id: measureId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  try {
    await commitWithEvents(db, async (tx, emit) => {
      const before = await tx.measure.findFirst({
        where,
        select: { name: true, description: true, aggregation: true, attribute: true, segmentId: true },
      });
      if (!before) throw notFound("measure");
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) } as typeof before;
      const changes = diffChanges(measureSnapshot(before), measureSnapshot(after));
      if (Object.keys(changes).length === 0) return;
      const definitionChanged = definitionFields.some((field) => field in changes);
      // A rename alone keeps a definition that has stopped fitting (its attribute's type changed since).
      if (definitionChanged) await assertMeasureValid(tx, scope, { ...after, aggregation: after.aggregation as TMeasureAggregation });
      if (after.name !== before.name) await assertMeasureNameFree(tx, scope, after.name, measureId);
      await tx.measure.updateMany({ where, data: after });
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "measure.updated",
        targetType: "measure",
        targetId: measureId,
        targetName: after.name,
        changes,
      });
      if (definitionChanged) await computeMeasureIn(tx, emit, { ...scope, measureId, definitionChanged: true });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw measureNameTaken(input.name ?? "");
    if (isForeignKeyViolation(error)) throw invalidMeasure([{ path: "segmentId", message: measureIssueMessages.unknownSegment }]);
    throw error;
  }
  return getMeasureSummary(scope, measureId, db);
};
