import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { segmentSnapshot } from "../audit/snapshots";
import { type Db, type DbTransaction, getDb } from "../db/client";
import { commitWithEvents, type EmitEvent } from "../events/commit-with-events";
import { isUniqueViolation } from "../db/unique-violation";
import { instanceAttributeTypes } from "./attribute-types";
import type { SegmentScope } from "./compile-rule";
import { computeSegmentIn } from "./compute-segment";
import { getSegmentSummary } from "./get-segment";
import type { TSegment, TSegmentInput } from "./schemas";
import { assertSegmentNameFree, segmentNameTaken } from "./segment-name";
import { assertRuleValid } from "./validate-rule";

/**
 * Creates a segment in the caller's transaction (its audit entry too) and computes its first
 * size, so that it has one from the start; returns its id. Its rule must fit the instance's
 * attributes (422); its name is unique in the instance (409; the unique key catches a race, which
 * the caller maps with segmentNameTaken).
 */
export const createSegmentIn = async (tx: DbTransaction, emit: EmitEvent, scope: SegmentScope, input: TSegmentInput, audit: AuditContext): Promise<string> => {
  assertRuleValid(input.rule, await instanceAttributeTypes(tx, scope));
  await assertSegmentNameFree(tx, scope, input.name);
  const created = await tx.segment.create({
    data: { tenantId: scope.tenantId, instanceId: scope.instanceId, name: input.name, description: input.description, rule: input.rule },
    select: { id: true, name: true, description: true, rule: true },
  });
  await recordAudit(tx, audit, {
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    action: "segment.created",
    targetType: "segment",
    targetId: created.id,
    targetName: created.name,
    changes: createdChanges(segmentSnapshot(created)),
  });
  await computeSegmentIn(tx, emit, { ...scope, segmentId: created.id });
  return created.id;
};

/** Creates a segment with its first size, in one transaction (createSegmentIn). */
export const createSegment = async (scope: SegmentScope, input: TSegmentInput, audit: AuditContext, db: Db = getDb()): Promise<TSegment> => {
  let id: string;
  try {
    id = await commitWithEvents(db, (tx, emit) => createSegmentIn(tx, emit, scope, input, audit));
  } catch (error) {
    if (isUniqueViolation(error)) throw segmentNameTaken(input.name);
    throw error;
  }
  return getSegmentSummary(scope, id, db);
};
