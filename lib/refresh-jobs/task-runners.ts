import type { Db } from "../db/client";
import { DatabaseBusyError } from "../db/database-busy-error";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError } from "../errors/app-error";
import type { TRefreshTaskCounts, TRefreshTaskKind } from "./schemas";
import type { RefreshJobTaskRow } from "./to-job-dto";

// What runs each kind of task: the port between the job's runner (execute-job.ts) and the domains
// that do the work. Data sources and unification start a run of their own worker loop and wait for
// it to end (run-data-source-task.ts, run-unification-task.ts); segments and measures are computed
// in place by their domain's computeSegment / computeMeasure (lib/segments, lib/measures), which
// default-task-runners.ts plugs in (tests may wrap them).

export type TaskFailure = { code: string; message: string; details?: Record<string, unknown> };

export type TaskOutcome<K extends TRefreshTaskKind = TRefreshTaskKind> =
  | { status: "successful"; counts: TRefreshTaskCounts[K] }
  | { status: "failed"; error: TaskFailure };

export type TaskContext = {
  db: Db;
  job: { id: string; tenantId: string; instanceId: string; submissionKind: string };
  instanceName: string;
  task: RefreshJobTaskRow;
  /** Stores the run the task started, under the job's lease, so a worker taking the job over waits for the same run. */
  recordRunId: (runId: string) => Promise<void>;
  /** Renews the job's lease while the task waits; throws when another worker took the job over. */
  keepLease: () => Promise<void>;
  /** How long to wait between looks at a run this process was not told has ended (another process runs it). */
  pollMs: number;
  /** Aborts when the worker stops: a wait for a run then throws JobStopped and the job is handed back. */
  signal?: AbortSignal;
};

export type TaskRunner<K extends TRefreshTaskKind = TRefreshTaskKind> = (ctx: TaskContext) => Promise<TaskOutcome<K>>;

/** What the runner needs of lib/segments/compute-segment.ts: a segment's size computed now, recorded in its history for the job. */
export type ComputeSegment = (
  db: Db,
  input: { tenantId: string; instanceId: string; segmentId: string; refreshJobId: string; now: Date },
) => Promise<{ computation: { size: number } }>;

/** What the runner needs of lib/measures/compute-measure.ts: a measure's value computed now, recorded in its history for the job. */
export type ComputeMeasure = (
  db: Db,
  input: { tenantId: string; instanceId: string; measureId: string; refreshJobId: string; now: Date },
) => Promise<{ computation: { value: number | null } }>;

export type TaskRunners = { [K in TRefreshTaskKind]: TaskRunner<K> };

/**
 * A computation's error as the task's failed outcome; a busy database is rethrown, not recorded:
 * it is no failure of the task, and the job is retried (execute-job.ts).
 */
const failedOutcome = (error: unknown): { status: "failed"; error: TaskFailure } => {
  if (error instanceof DatabaseBusyError) throw error;
  return { status: "failed", error: taskFailureOf(error) };
};

/** An error thrown by a computation, as the task records it. */
export const taskFailureOf = (error: unknown): TaskFailure => {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  console.error("Full refresh: a task failed unexpectedly", error);
  return { code: "internal_error", message: "The task stopped because of an unexpected error. Try the refresh again; if it persists, contact your administrator." };
};

/**
 * A segment task: the size computed for this job, if a worker that lost the job had already
 * computed it (no second history row for one job), else computed now. Two workers that both find
 * none (a stalled one and the one that took its job over) meet at the history's unique key on
 * (segment, job): the second computation rolls back whole, its threshold events with it, and its
 * task reads the first one's size.
 */
export const segmentRunner =
  (computeSegment: ComputeSegment): TaskRunner<"segment"> =>
  async ({ db, job, task }) => {
    const segmentId = task.subjectId!;
    const computedForJob = () =>
      db.segmentComputation.findFirst({ where: { tenantId: job.tenantId, instanceId: job.instanceId, segmentId, refreshJobId: job.id }, select: { size: true } });
    const done = await computedForJob();
    if (done) return { status: "successful", counts: { size: done.size } };
    try {
      const { computation: { size } } = await computeSegment(db, { tenantId: job.tenantId, instanceId: job.instanceId, segmentId, refreshJobId: job.id, now: new Date() });
      return { status: "successful", counts: { size } };
    } catch (error) {
      const first = isUniqueViolation(error) ? await computedForJob() : null;
      return first ? { status: "successful", counts: { size: first.size } } : failedOutcome(error);
    }
  };

/** A measure task, resumable the same way as a segment's, and one history row per job the same way. */
export const measureRunner =
  (computeMeasure: ComputeMeasure): TaskRunner<"measure"> =>
  async ({ db, job, task }) => {
    const measureId = task.subjectId!;
    const computedForJob = () =>
      db.measureComputation.findFirst({ where: { tenantId: job.tenantId, instanceId: job.instanceId, measureId, refreshJobId: job.id }, select: { value: true } });
    const done = await computedForJob();
    if (done) return { status: "successful", counts: { value: done.value } };
    try {
      const { computation: { value } } = await computeMeasure(db, { tenantId: job.tenantId, instanceId: job.instanceId, measureId, refreshJobId: job.id, now: new Date() });
      return { status: "successful", counts: { value } };
    } catch (error) {
      const first = isUniqueViolation(error) ? await computedForJob() : null;
      return first ? { status: "successful", counts: { value: first.value } } : failedOutcome(error);
    }
  };
