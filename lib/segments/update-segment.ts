import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { segmentSnapshot } from "../audit/snapshots";
import { type Db, getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { isUniqueViolation } from "../db/unique-violation";
import { notFound } from "../errors/app-error";
import { instanceAttributeTypes } from "./attribute-types";
import type { SegmentScope } from "./compile-rule";
import { computeSegmentIn } from "./compute-segment";
import { getSegmentSummary } from "./get-segment";
import type { TSegment, TUpdateSegment } from "./schemas";
import { assertSegmentNameFree, segmentNameTaken } from "./segment-name";
import { assertRuleValid } from "./validate-rule";

/**
 * Changes a segment's name, description or rule (with its audit entry). A changed rule is
 * computed at once, so the size shown is the new rule's; its history keeps the earlier sizes.
 */
export const updateSegment = async (
  scope: SegmentScope,
  segmentId: string,
  input: TUpdateSegment,
  audit: AuditContext,
  db: Db = getDb(),
): Promise<TSegment> => {
  const where = { id: segmentId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  try {
    await commitWithEvents(db, async (tx, emit) => {
      const before = await tx.segment.findFirst({ where, select: { name: true, description: true, rule: true } });
      if (!before) throw notFound("segment");
      if (input.rule) assertRuleValid(input.rule, await instanceAttributeTypes(tx, scope));
      if (input.name !== undefined && input.name !== before.name) await assertSegmentNameFree(tx, scope, input.name, segmentId);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
      const changes = diffChanges(segmentSnapshot(before), segmentSnapshot(after));
      const ruleChanged = "rule" in changes;
      if (Object.keys(changes).length === 0) return;
      await tx.segment.updateMany({ where, data: { name: after.name, description: after.description, rule: after.rule as object } });
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "segment.updated",
        targetType: "segment",
        targetId: segmentId,
        targetName: after.name,
        changes,
      });
      if (ruleChanged) await computeSegmentIn(tx, emit, { ...scope, segmentId, definitionChanged: true });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw segmentNameTaken(input.name ?? "");
    throw error;
  }
  return getSegmentSummary(scope, segmentId, db);
};
