import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { measureSnapshot } from "../audit/snapshots";
import { type Db, type DbTransaction, getDb } from "../db/client";
import { commitWithEvents, type EmitEvent } from "../events/commit-with-events";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { isUniqueViolation } from "../db/unique-violation";
import type { SegmentScope } from "../segments/compile-rule";
import { computeMeasureIn } from "./compute-measure";
import { getMeasureSummary } from "./get-measure";
import { assertMeasureNameFree, measureNameTaken } from "./measure-name";
import { type TMeasure, type TMeasureInput, measureIssueMessages } from "./schemas";
import { assertMeasureValid, invalidMeasure } from "./validate-measure";

/**
 * Creates a measure in the caller's transaction (its audit entry too) and computes its first
 * value, so that it has one from the start; returns its id. Its attribute must suit the
 * aggregation and its segment be the instance's (422); its name is unique in the instance (409;
 * the caller maps a race on the unique key or the segment's foreign key, as createMeasure does).
 */
export const createMeasureIn = async (tx: DbTransaction, emit: EmitEvent, scope: SegmentScope, input: TMeasureInput, audit: AuditContext): Promise<string> => {
  await assertMeasureValid(tx, scope, input);
  await assertMeasureNameFree(tx, scope, input.name);
  const created = await tx.measure.create({
    data: {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      name: input.name,
      description: input.description,
      aggregation: input.aggregation,
      attribute: input.attribute,
      segmentId: input.segmentId,
    },
    select: { id: true, name: true, description: true, aggregation: true, attribute: true, segmentId: true },
  });
  await recordAudit(tx, audit, {
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    action: "measure.created",
    targetType: "measure",
    targetId: created.id,
    targetName: created.name,
    changes: createdChanges(measureSnapshot(created)),
  });
  await computeMeasureIn(tx, emit, { ...scope, measureId: created.id });
  return created.id;
};

/** Creates a measure with its first value, in one transaction (createMeasureIn). */
export const createMeasure = async (scope: SegmentScope, input: TMeasureInput, audit: AuditContext, db: Db = getDb()): Promise<TMeasure> => {
  let id: string;
  try {
    id = await commitWithEvents(db, (tx, emit) => createMeasureIn(tx, emit, scope, input, audit));
  } catch (error) {
    if (isUniqueViolation(error)) throw measureNameTaken(input.name);
    // Its segment was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) throw invalidMeasure([{ path: "segmentId", message: measureIssueMessages.unknownSegment }]);
    throw error;
  }
  return getMeasureSummary(scope, id, db);
};
