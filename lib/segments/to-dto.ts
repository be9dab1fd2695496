import type { TSegment, TSegmentComputation } from "./schemas";
import { readStoredRule } from "./stored-rule";

type ComputationRow = { id: string; size: number; computedAt: Date; durationMs: number; refreshJobId: string | null };
type SegmentRow = { id: string; name: string; description: string; rule: unknown; createdAt: Date; updatedAt: Date };

/** The latest computations first, as computationOrder sorts them. */
export const computationOrder = [{ computedAt: "desc" as const }, { id: "desc" as const }];

export const toComputationDto = (row: ComputationRow): TSegmentComputation => ({
  id: row.id,
  size: row.size,
  computedAt: row.computedAt.toISOString(),
  durationMs: row.durationMs,
  refreshJobId: row.refreshJobId,
});

/** `latest` holds the segment's newest computations, newest first (two give the change). */
export const toSegmentDto = (row: SegmentRow, latest: readonly ComputationRow[]): TSegment => ({
  id: row.id,
  name: row.name,
  description: row.description,
  rule: readStoredRule(row.rule),
  size: latest[0]?.size ?? null,
  previousSize: latest[1]?.size ?? null,
  computedAt: latest[0]?.computedAt.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const segmentSelect = { id: true, name: true, description: true, rule: true, createdAt: true, updatedAt: true } as const;
export const computationSelect = { id: true, size: true, computedAt: true, durationMs: true, refreshJobId: true } as const;
