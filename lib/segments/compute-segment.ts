import type { Db, DbTransaction } from "../db/client";
import { notFound } from "../errors/app-error";
import { type EmitEvent, commitWithEvents } from "../events/commit-with-events";
import { evaluateThresholdCrossings } from "../threshold-crossings/evaluate-crossings";
import { instanceAttributeTypes } from "./attribute-types";
import { segmentWhere } from "./compile-rule";
import { countProfiles } from "./count-members";
import type { TSegmentComputation } from "./schemas";
import { usableRuleOf } from "./stored-rule";
import { computationOrder, computationSelect, toComputationDto } from "./to-dto";

export type ComputeSegmentInput = {
  tenantId: string;
  instanceId: string;
  segmentId: string;
  /** The full refresh job computing it; null (the default) when computed on its own. */
  refreshJobId?: string | null;
  /** When the computation happened (its computedAt); now by default. */
  now?: Date;
  /** The definition just changed: threshold triggers restart from this value instead of stepping to it. */
  definitionChanged?: boolean;
};

export type ComputeSegmentResult = {
  computation: TSegmentComputation;
  /** The size of the computation before this one, null for the first. */
  previousSize: number | null;
};

/**
 * Counts the segment's members in SQL and records the count as a new SegmentComputation, in ONE
 * write transaction through commitWithEvents: the count, the threshold triggers' crossing states
 * and the events of those that crossed commit together. 404 when the segment is not in the
 * instance (deleted meanwhile, say).
 */
export const computeSegment = async (db: Db, input: ComputeSegmentInput): Promise<ComputeSegmentResult> =>
  commitWithEvents(db, (tx, emit) => computeSegmentIn(tx, emit, input));

/** The same inside the caller's transaction, for a save that computes its first value with it (one commit). */
export const computeSegmentIn = async (tx: DbTransaction, emit: EmitEvent, input: ComputeSegmentInput): Promise<ComputeSegmentResult> => {
  const { tenantId, instanceId, segmentId } = input;
  const scope = { tenantId, instanceId };
  const segment = await tx.segment.findFirst({
    where: { id: segmentId, tenantId, instanceId },
    select: { name: true, rule: true, instance: { select: { name: true } } },
  });
  if (!segment) throw notFound("segment");
  const previous = await tx.segmentComputation.findFirst({
    where: { tenantId, instanceId, segmentId },
    orderBy: computationOrder,
    select: { size: true },
  });
  const started = performance.now();
  const types = await instanceAttributeTypes(tx, scope);
  const size = await countProfiles(tx, segmentWhere(tx, scope, usableRuleOf({ id: segmentId, name: segment.name, rule: segment.rule }), types));
  const computation = await tx.segmentComputation.create({
    data: {
      tenantId,
      instanceId,
      segmentId,
      refreshJobId: input.refreshJobId ?? null,
      size,
      computedAt: input.now ?? new Date(),
      durationMs: Math.round(performance.now() - started),
    },
    select: computationSelect,
  });
  const previousSize = previous?.size ?? null;

  // Threshold triggers watching the segment step their crossing state in this transaction, so
  // the size, the new states and the events commit together or not at all.
  await evaluateThresholdCrossings(tx, emit, {
    tenantId,
    instance: { id: instanceId, name: segment.instance.name },
    type: "segment.threshold.crossed",
    segment: { id: segmentId, name: segment.name },
    currentValue: size,
    computedAt: computation.computedAt,
    refreshJobId: computation.refreshJobId,
    restart: input.definitionChanged ?? false,
  });

  return { computation: toComputationDto(computation), previousSize };
};
