import type { Db } from "../db/client";
import { runDurationMs } from "../triggers/types/run-duration";
import type { TRefreshJob, TRefreshJobStatus, TRefreshJobTask, TRefreshTaskKind, TRefreshTaskResult, TRefreshTaskStatus } from "./schemas";

export type RefreshJobRow = Awaited<ReturnType<Db["refreshJob"]["findFirstOrThrow"]>>;
export type RefreshJobTaskRow = Awaited<ReturnType<Db["refreshJobTask"]["findFirstOrThrow"]>>;

/** Reads a job with its tasks in order. */
export const jobWithTasks = { tasks: { orderBy: { position: "asc" } } } as const;

const storedError = (code: string | null, message: string | null, details: unknown) =>
  code
    ? {
        code,
        message: message ?? "",
        ...(typeof details === "object" && details !== null && !Array.isArray(details) ? { details: details as Record<string, unknown> } : {}),
      }
    : null;

/** A task's result column, read defensively: it is JSON written by this module only. */
export const taskResultOf = (task: { result: unknown }): TRefreshTaskResult =>
  typeof task.result === "object" && task.result !== null && !Array.isArray(task.result) ? (task.result as TRefreshTaskResult) : {};

export const toRefreshTaskDto = (task: RefreshJobTaskRow): TRefreshJobTask => {
  const result = taskResultOf(task);
  return {
    id: task.id,
    position: task.position,
    kind: task.kind as TRefreshTaskKind,
    subjectId: task.subjectId,
    subjectName: task.subjectName,
    status: task.status as TRefreshTaskStatus,
    runId: task.runId,
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    durationMs: runDurationMs(task),
    counts: result.counts ?? null,
    skipReason: result.skipReason ?? null,
    error: storedError(task.errorCode, task.errorMessage, task.errorDetails),
  };
};

export const toRefreshJobDto = (job: RefreshJobRow & { tasks: RefreshJobTaskRow[] }): TRefreshJob => ({
  id: job.id,
  instanceId: job.instanceId,
  status: job.status as TRefreshJobStatus,
  submissionKind: job.submissionKind === "scheduled" ? "scheduled" : "onDemand",
  scheduledFor: job.scheduledFor?.toISOString() ?? null,
  submittedAt: job.submittedAt.toISOString(),
  startedAt: job.startedAt?.toISOString() ?? null,
  finishedAt: job.finishedAt?.toISOString() ?? null,
  durationMs: runDurationMs(job),
  cancelRequestedAt: job.cancelRequestedAt?.toISOString() ?? null,
  error: storedError(job.errorCode, job.errorMessage, job.errorDetails),
  tasks: job.tasks.map(toRefreshTaskDto),
});
