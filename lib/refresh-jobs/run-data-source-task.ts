import { onRefreshEnded } from "../datasources/refresh-signal";
import { requestRefresh } from "../datasources/request-refresh";
import { AppError } from "../errors/app-error";
import type { TaskRunner } from "./task-runners";
import { waitForRunEnd } from "./wait-for-run-end";

/**
 * A data source task: queues a refresh of the source (with the job's submission kind; it joins a
 * refresh already queued or running), records its run on the task, and waits for the refresh loop
 * to end it. A task resumed after a takeover waits for the run it had recorded. The run's failure
 * is the task's.
 */
export const runDataSourceTask: TaskRunner<"dataSource"> = async (ctx) => {
  const { db, job, task } = ctx;
  const scope = { tenantId: job.tenantId, instanceId: job.instanceId };
  let runId = task.runId;
  if (!runId) {
    try {
      const run = await requestRefresh(scope, task.subjectId!, job.submissionKind === "scheduled" ? "scheduled" : "onDemand", db);
      runId = run.id;
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return { status: "failed", error: deleted(task.subjectName) };
      throw error;
    }
    await ctx.recordRunId(runId);
  }
  const run = await waitForRunEnd({
    read: () => db.dataSourceRun.findFirst({ where: { id: runId, ...scope }, select: { status: true, rowCount: true, errorCode: true, errorMessage: true, errorDetails: true } }),
    onEnded: onRefreshEnded,
    keepLease: ctx.keepLease,
    pollMs: ctx.pollMs,
    signal: ctx.signal,
  });
  if (!run) return { status: "failed", error: deleted(task.subjectName) };
  if (run.status === "successful") return { status: "successful", counts: { rows: run.rowCount ?? 0 } };
  return {
    status: "failed",
    error: {
      code: run.errorCode ?? "internal_error",
      message: run.errorMessage ?? "The refresh failed.",
      ...(run.errorDetails && typeof run.errorDetails === "object" && !Array.isArray(run.errorDetails) ? { details: run.errorDetails as Record<string, unknown> } : {}),
    },
  };
};

const deleted = (name: string) => ({
  code: "subject_deleted",
  message: `The data source “${name}” was deleted during the full refresh.`,
  details: { kind: "dataSource", name },
});
