import type { TAttributeType } from "../unification/attributes";
import { type TMeasureAggregation, measureValueKind } from "./measure-vocabulary";
import type { TMeasure, TMeasureComputation } from "./schemas";

type ComputationRow = { id: string; value: number | null; computedAt: Date; durationMs: number; refreshJobId: string | null };
type MeasureRow = {
  id: string;
  name: string;
  description: string;
  aggregation: string;
  attribute: string | null;
  segmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const measureComputationOrder = [{ computedAt: "desc" as const }, { id: "desc" as const }];
export const measureComputationSelect = { id: true, value: true, computedAt: true, durationMs: true, refreshJobId: true } as const;
export const measureSelect = {
  id: true,
  name: true,
  description: true,
  aggregation: true,
  attribute: true,
  segmentId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const toMeasureComputationDto = (row: ComputationRow): TMeasureComputation => ({
  id: row.id,
  value: row.value,
  computedAt: row.computedAt.toISOString(),
  durationMs: row.durationMs,
  refreshJobId: row.refreshJobId,
});

/** `latest`: the measure's newest computations, newest first; `types`: the instance's attribute types now. */
export const toMeasureDto = (row: MeasureRow, latest: readonly ComputationRow[], types: ReadonlyMap<string, TAttributeType>): TMeasure => {
  const aggregation = row.aggregation as TMeasureAggregation;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    aggregation,
    attribute: row.attribute,
    segmentId: row.segmentId,
    valueKind: measureValueKind(aggregation, row.attribute === null ? undefined : types.get(row.attribute)),
    value: latest[0]?.value ?? null,
    previousValue: latest[1]?.value ?? null,
    computedAt: latest[0]?.computedAt.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
};
