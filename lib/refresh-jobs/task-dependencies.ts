import type { TRefreshTaskKind, TRefreshTaskResult, TRefreshTaskStatus } from "./schemas";

// Which earlier tasks a task needs, as the plan says: unification reads the rows of the sources it
// maps (no other), segments and measures read the unified profiles (only fresh ones when the plan
// runs unification; the existing ones when it is not configured), and a measure filtered by a
// segment needs that segment. Pure, so the rules have unit tests of their own.

export type DependencyTask = { kind: TRefreshTaskKind; subjectId: string | null; status: TRefreshTaskStatus; result: TRefreshTaskResult };

/** What the task list does not say, read when the task's turn comes. */
export type DependencyFacts = {
  /** For the unification task: the data sources its configuration maps. */
  mappedSourceIds?: readonly string[];
  /** For a measure: the segment filtering it, if any. */
  measureSegmentId?: string | null;
};

/** Failed, or skipped because of something else (a skip for lack of a unification configuration breaks nothing). */
const broken = (task: DependencyTask) => task.status === "failed" || (task.status === "skipped" && task.result.skipReason !== "not_configured");

/**
 * True when the task must be skipped: a failed mapped data source skips unification (an unmapped
 * one skips nothing), a broken unification skips the segments and measures (so a failed mapped
 * source does too, through it), a failed segment skips the measures filtered by it.
 */
export const dependencyFailed = (task: DependencyTask, tasks: readonly DependencyTask[], facts: DependencyFacts = {}): boolean => {
  if (task.kind === "dataSource") return false;
  if (task.kind === "unification") {
    const mapped = new Set(facts.mappedSourceIds ?? []);
    return tasks.some((other) => other.kind === "dataSource" && other.subjectId !== null && mapped.has(other.subjectId) && broken(other));
  }
  if (tasks.some((other) => other.kind === "unification" && broken(other))) return true;
  if (task.kind === "segment" || !facts.measureSegmentId) return false;
  return tasks.some((other) => other.kind === "segment" && other.subjectId === facts.measureSegmentId && broken(other));
};
