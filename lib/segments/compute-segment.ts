import type { Db } from "../db/client";
import { notFound } from "../errors/app-error";
import { commitWithEvents } from "../events/commit-with-events";
import { instanceAttributeTypes } from "./attribute-types";
import { segmentWhere } from "./compile-rule";
import { countProfiles } from "./count-members";
import { ZSegmentRule, type TSegmentComputation } from "./schemas";
import { computationOrder, computationSelect, toComputationDto } from "./to-dto";

export type ComputeSegmentInput = {
  tenantId: string;
  instanceId: string;
  segmentId: string;
  /** The full refresh job computing it; null (the default) when computed on its own. */
  refreshJobId?: string | null;
  /** When the computation happened (its computedAt); now by default. */
  now?: Date;
};

export type ComputeSegmentResult = {
  computation: TSegmentComputation;
  /** The size of the computation before this one, null for the first. */
  previousSize: number | null;
};

/**
 * Counts the segment's members in SQL and records the count as a new SegmentComputation, in ONE
 * write transaction through commitWithEvents: the count, the previous computation it is compared
 * with, and whatever events the change causes commit together. 404 when the segment is not in the
 * instance (deleted meanwhile, say).
 */
export const computeSegment = async (db: Db, input: ComputeSegmentInput): Promise<ComputeSegmentResult> => {
  const { tenantId, instanceId, segmentId } = input;
  const scope = { tenantId, instanceId };
  return commitWithEvents(db, async (tx, _emit) => {
    const segment = await tx.segment.findFirst({ where: { id: segmentId, tenantId, instanceId }, select: { rule: true } });
    if (!segment) throw notFound("segment");
    const previous = await tx.segmentComputation.findFirst({
      where: { tenantId, instanceId, segmentId },
      orderBy: computationOrder,
      select: { size: true },
    });
    const started = performance.now();
    const types = await instanceAttributeTypes(tx, scope);
    const size = await countProfiles(tx, segmentWhere(tx, scope, ZSegmentRule.parse(segment.rule), types));
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

    // THRESHOLD CROSSINGS GO HERE, in this transaction: threshold triggers watching this segment
    // compare `previousSize` with `computation.size` and emit their events through `_emit`
    // (evaluateThresholdCrossings(tx, _emit, …), lib/triggers), so the computation and its
    // events commit together or not at all.

    return { computation: toComputationDto(computation), previousSize };
  });
};
