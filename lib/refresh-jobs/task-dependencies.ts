import type { TRefreshTaskKind, TRefreshTaskResult, TRefreshTaskStatus } from "./schemas";

// Which earlier tasks a task needs: segments and measures read the unified profiles, which read the
// data sources' rows; a measure filtered by a segment needs that segment. Pure, so the rules have
// unit tests of their own.

export type DependencyTask = { kind: TRefreshTaskKind; subjectId: string | null; status: TRefreshTaskStatus; result: TRefreshTaskResult };

/** Failed, or skipped because of something else (a skip for lack of a unification configuration breaks nothing). */
const broken = (task: DependencyTask) => task.status === "failed" || (task.status === "skipped" && task.result.skipReason !== "not_configured");

/**
 * True when the task must be skipped: a failed data source skips unification and everything after
 * it, a failed unification skips the segments and measures, a failed segment skips the measures
 * filtered by it (`measureSegmentId`, read when the measure's turn comes).
 */
export const dependencyFailed = (task: DependencyTask, tasks: readonly DependencyTask[], measureSegmentId: string | null = null): boolean => {
  if (task.kind === "dataSource") return false;
  const sourceBroken = tasks.some((other) => other.kind === "dataSource" && broken(other));
  if (task.kind === "unification") return sourceBroken;
  const unificationBroken = tasks.some((other) => other.kind === "unification" && broken(other));
  if (sourceBroken || unificationBroken) return true;
  if (task.kind === "segment" || !measureSegmentId) return false;
  return tasks.some((other) => other.kind === "segment" && other.subjectId === measureSegmentId && broken(other));
};
