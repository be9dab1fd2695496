import { type Db, getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { newId } from "../ids/new-id";
import { evaluateThresholdCrossings } from "../threshold-crossings/evaluate-crossings";
import { scope } from "./factories";

// Segments, measures and their computations written straight to the database, for the threshold
// triggers' tests (lib/segments and lib/measures own the real ones), and a stand-in for their
// producers: a computation row and the crossings it causes, in one commitWithEvents transaction,
// which is what computeSegment / computeMeasure do.

const instance = { id: scope.instanceId, name: "Contoso Retail" };
const rule = { all: [] };

export const createSegment = (name: string, at: { tenantId: string; instanceId: string } = scope, db: Db = getDb()) =>
  db.segment.create({ data: { id: newId("seg"), ...at, name, rule }, select: { id: true, name: true } });

export const createMeasure = (name: string, db: Db = getDb()) =>
  db.measure.create({
    data: { id: newId("msr"), ...scope, name, aggregation: "sum", attribute: "orderValue" },
    select: { id: true, name: true, aggregation: true, attribute: true, segmentId: true },
  });

type Computed = { computedAt?: Date; refreshJobId?: string | null };

/** A segment computation that triggers nothing (before any registration watches it). */
export const writeSegmentSize = (segmentId: string, size: number, { computedAt = new Date(), refreshJobId = null }: Computed = {}) =>
  getDb().segmentComputation.create({ data: { ...scope, segmentId, size, computedAt, refreshJobId, durationMs: 12 } });

export const writeMeasureValue = (measureId: string, value: number | null, { computedAt = new Date(), refreshJobId = null }: Computed = {}) =>
  getDb().measureComputation.create({ data: { ...scope, measureId, value, computedAt, refreshJobId, durationMs: 9 } });

/** A segment's new size and the crossings it causes, committed together. */
export const computeSegmentSize = (segment: { id: string; name: string }, size: number, { computedAt = new Date(), refreshJobId = null }: Computed = {}) =>
  commitWithEvents(getDb(), async (tx, emit) => {
    await tx.segmentComputation.create({ data: { ...scope, segmentId: segment.id, size, computedAt, refreshJobId, durationMs: 12 } });
    return evaluateThresholdCrossings(tx, emit, {
      tenantId: scope.tenantId,
      instance,
      type: "segment.threshold.crossed",
      segment,
      currentValue: size,
      computedAt,
      refreshJobId,
    });
  });

/** A measure's new value and the crossings it causes, committed together. */
export const computeMeasureValue = (
  measure: { id: string; name: string; aggregation: string; attribute: string | null; segmentId: string | null },
  value: number | null,
  { computedAt = new Date(), refreshJobId = null }: Computed = {},
) =>
  commitWithEvents(getDb(), async (tx, emit) => {
    await tx.measureComputation.create({ data: { ...scope, measureId: measure.id, value, computedAt, refreshJobId, durationMs: 9 } });
    return evaluateThresholdCrossings(tx, emit, {
      tenantId: scope.tenantId,
      instance,
      type: "measure.threshold.crossed",
      measure,
      currentValue: value,
      computedAt,
      refreshJobId,
    });
  });
