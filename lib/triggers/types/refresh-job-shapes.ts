// What a full refresh job reports, task by task: the job's DTO (lib/refresh-jobs/schemas.ts) and the
// refresh.full.completed event (./refresh-full-completed.ts) share these shapes, so they live here,
// below both. Zod-free: the System screens list the tasks.

export const refreshJobStatuses = ["queued", "running", "successful", "failed", "cancelled"] as const;
export type TRefreshJobStatus = (typeof refreshJobStatuses)[number];

export const refreshTaskKinds = ["dataSource", "unification", "segment", "measure"] as const;
export type TRefreshTaskKind = (typeof refreshTaskKinds)[number];

export const refreshTaskStatuses = ["queued", "running", "successful", "failed", "skipped"] as const;
export type TRefreshTaskStatus = (typeof refreshTaskStatuses)[number];

export const submissionKinds = ["onDemand", "scheduled"] as const;
export type TSubmissionKind = (typeof submissionKinds)[number];

/**
 * Why a task was skipped: its instance has no unification configured (`not_configured`, which
 * does not fail the job), something it depends on failed or was skipped (`dependency_failed`),
 * or the job was cancelled before it (`cancelled`).
 */
export const refreshTaskSkipReasons = ["not_configured", "dependency_failed", "cancelled"] as const;
export type TRefreshTaskSkipReason = (typeof refreshTaskSkipReasons)[number];

/**
 * A task's counts, by kind: the rows a data source refresh read, a unification run's headline
 * stage counts, a segment's size, a measure's value (null when there was nothing to aggregate).
 */
export type TRefreshTaskCounts = {
  dataSource: { rows: number };
  unification: { recordsIn: number | null; matchedPairs: number | null; profilesOut: number | null; matchRate: number | null };
  segment: { size: number };
  measure: { value: number | null };
};

/** What a job's task records in its `result` column: its counts, or why it was skipped. */
export type TRefreshTaskResult = { counts?: TRefreshTaskCounts[TRefreshTaskKind]; skipReason?: TRefreshTaskSkipReason };
