import type { Db, DbTransaction } from "../db/client";
import { dialectOf } from "../db/dialect";
import { notFound } from "../errors/app-error";
import { type EmitEvent, commitWithEvents } from "../events/commit-with-events";
import { evaluateThresholdCrossings } from "../threshold-crossings/evaluate-crossings";
import { instanceAttributeTypes } from "../segments/attribute-types";
import { scopeWhere, segmentWhere } from "../segments/compile-rule";
import { usableRuleOf } from "../segments/stored-rule";
import { aggregateSql, dateValue } from "./aggregate-sql";
import type { TMeasureAggregation } from "./measure-vocabulary";
import type { TMeasureComputation } from "./schemas";
import { measureComputationOrder, measureComputationSelect, toMeasureComputationDto } from "./to-dto";

export type ComputeMeasureInput = {
  tenantId: string;
  instanceId: string;
  measureId: string;
  /** The full refresh job computing it; null (the default) when computed on its own. */
  refreshJobId?: string | null;
  /** When the computation happened (its computedAt); now by default. */
  now?: Date;
  /** The definition just changed: threshold triggers restart from this value instead of stepping to it. */
  definitionChanged?: boolean;
};

export type ComputeMeasureResult = {
  computation: TMeasureComputation;
  /** The value of the computation before this one; null for the first, or when that one had no value. */
  previousValue: number | null;
};

/**
 * Aggregates the measure in SQL (within its segment's members when it has one) and records the
 * value as a new MeasureComputation (null when there was nothing to aggregate), in ONE write
 * transaction through commitWithEvents, like computeSegment. 404 when the measure is not in the
 * instance.
 */
export const computeMeasure = async (db: Db, input: ComputeMeasureInput): Promise<ComputeMeasureResult> =>
  commitWithEvents(db, (tx, emit) => computeMeasureIn(tx, emit, input));

/** The same inside the caller's transaction, for a save that computes its first value with it (one commit). */
export const computeMeasureIn = async (tx: DbTransaction, emit: EmitEvent, input: ComputeMeasureInput): Promise<ComputeMeasureResult> => {
  const { tenantId, instanceId, measureId } = input;
  const scope = { tenantId, instanceId };
  const measure = await tx.measure.findFirst({
    where: { id: measureId, tenantId, instanceId },
    select: { name: true, aggregation: true, attribute: true, segmentId: true, segment: { select: { id: true, name: true, rule: true } }, instance: { select: { name: true } } },
  });
  if (!measure) throw notFound("measure");
  const previous = await tx.measureComputation.findFirst({
    where: { tenantId, instanceId, measureId },
    orderBy: measureComputationOrder,
    select: { value: true },
  });
  const started = performance.now();
  const types = await instanceAttributeTypes(tx, scope);
  const where = measure.segment ? segmentWhere(tx, scope, usableRuleOf(measure.segment), types) : scopeWhere(scope);
  const aggregate = aggregateSql(dialectOf(tx), measure.aggregation as TMeasureAggregation, measure.attribute, types);
  const [row] = await tx.$queryRaw<{ v: unknown }[]>`SELECT ${aggregate.expression} AS "v" FROM "CustomerProfile" WHERE ${where}`;
  const raw = row?.v ?? null;
  const value = raw === null ? null : aggregate.result === "date" ? dateValue(String(raw)) : Number(raw);
  const computation = await tx.measureComputation.create({
    data: {
      tenantId,
      instanceId,
      measureId,
      refreshJobId: input.refreshJobId ?? null,
      value: value !== null && Number.isFinite(value) ? value : null,
      computedAt: input.now ?? new Date(),
      durationMs: Math.round(performance.now() - started),
    },
    select: measureComputationSelect,
  });
  const previousValue = previous?.value ?? null;

  // Threshold triggers watching the measure step their crossing state in this transaction (as
  // computeSegment's do).
  await evaluateThresholdCrossings(tx, emit, {
    tenantId,
    instance: { id: instanceId, name: measure.instance.name },
    type: "measure.threshold.crossed",
    measure: { id: measureId, name: measure.name, aggregation: measure.aggregation, attribute: measure.attribute, segmentId: measure.segmentId },
    currentValue: computation.value,
    computedAt: computation.computedAt,
    refreshJobId: computation.refreshJobId,
    restart: input.definitionChanged ?? false,
  });

  return { computation: toMeasureComputationDto(computation), previousValue };
};
