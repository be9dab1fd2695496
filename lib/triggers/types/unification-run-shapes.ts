// What a unification run reports, stage by stage: the run's DTO (lib/unification/schemas.ts) and the
// unification.refresh.completed event (./unification-refresh-completed.ts) share these shapes, so
// they live here, below both. Zod-free: the Unify screens list the stages.

export const unificationStages = ["map", "match", "merge"] as const;
export type TUnificationStage = (typeof unificationStages)[number];

export const unificationRunStatuses = ["queued", "running", "successful", "failed", "skipped"] as const;
export type TUnificationRunStatus = (typeof unificationRunStatuses)[number];

export type TInvalidValueCount = { column: string; attribute: string; count: number; samples: string[] };
export type TMapSourceCounts = {
  dataSourceId: string;
  name: string;
  /** Rows read, unified or not. */
  recordsIn: number;
  /** Rows without a primary key: not unified, counted here. */
  rowsWithoutKey: number;
  /** Rows repeating a key already seen in the source: the first row with the key is unified, the others counted here. */
  duplicateKeys: number;
  invalidValues: TInvalidValueCount[];
};
export type TStageCounts = {
  map: { sources: TMapSourceCounts[]; recordsIn: number; invalidValues: number };
  match: { candidatePairs: number; matchedPairs: number; rules: Array<{ ruleId: string; name: string; matchedPairs: number }> };
  merge: { profilesOut: number; recordsMatched: number; matchRate: number };
};
export type TUnificationStageResult<S extends keyof TStageCounts = keyof TStageCounts> = {
  stage: S;
  status: TUnificationRunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  counts: TStageCounts[S] | null;
};
