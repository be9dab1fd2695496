import type { DbTransaction } from "../db/client";
import { AppError } from "../errors/app-error";
import { instanceAttributeTypes } from "../segments/attribute-types";
import type { SegmentScope } from "../segments/compile-rule";
import { configIssueMessages } from "../unification/validate-config";
import { type TMeasureAggregation, aggregationAppliesTo } from "./measure-vocabulary";
import { measureIssueMessages } from "./schemas";

export type MeasureDefinition = { aggregation: TMeasureAggregation; attribute: string | null; segmentId: string | null };
type Issue = { path: string; message: string };

/**
 * What the measure's schema cannot see (422 validation_failed with the issues' paths, nothing
 * written): its attribute is one of the instance's and suits the aggregation, an aggregation other
 * than count has one, and its segment is the instance's.
 */
export const assertMeasureValid = async (tx: DbTransaction, scope: SegmentScope, measure: MeasureDefinition): Promise<void> => {
  const issues: Issue[] = [];
  if (measure.attribute === null) {
    if (measure.aggregation !== "count") issues.push({ path: "attribute", message: measureIssueMessages.attributeRequired });
  } else {
    const type = (await instanceAttributeTypes(tx, scope)).get(measure.attribute);
    if (!type) issues.push({ path: "attribute", message: configIssueMessages.unknownAttribute });
    else if (!aggregationAppliesTo(measure.aggregation, type)) issues.push({ path: "aggregation", message: measureIssueMessages.aggregationType });
  }
  if (measure.segmentId !== null) {
    const segment = await tx.segment.findFirst({
      where: { id: measure.segmentId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      select: { id: true },
    });
    if (!segment) issues.push({ path: "segmentId", message: measureIssueMessages.unknownSegment });
  }
  if (issues.length > 0) throw invalidMeasure(issues);
};

export const invalidMeasure = (issues: Issue[]) =>
  new AppError("validation_failed", `Invalid measure. ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
