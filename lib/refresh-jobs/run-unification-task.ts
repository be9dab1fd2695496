import type { TStageCounts, TUnificationStageResult } from "../triggers/types/unification-run-shapes";
import { requestUnificationRun } from "../unification/request-run";
import { onUnificationEnded } from "../unification/run/run-signal";
import type { TaskRunner } from "./task-runners";
import { waitForRunEnd } from "./wait-for-run-end";

const countsOf = <S extends keyof TStageCounts>(stages: unknown, stage: S): TStageCounts[S] | null =>
  ((Array.isArray(stages) ? (stages as TUnificationStageResult[]) : []).find((result) => result.stage === stage)?.counts ?? null) as TStageCounts[S] | null;

/**
 * The unification task: queues a unification run (or joins the one queued or running), records it
 * on the task and waits for the unification loop to end it; a resumed task waits for its recorded
 * run. Its counts are the run's headline stage counts.
 */
export const runUnificationTask: TaskRunner<"unification"> = async (ctx) => {
  const { db, job } = ctx;
  const scope = { tenantId: job.tenantId, instanceId: job.instanceId };
  let runId = ctx.task.runId;
  if (!runId) {
    const { run } = await requestUnificationRun({ ...scope, instanceName: ctx.instanceName }, job.submissionKind === "scheduled" ? "scheduled" : "onDemand", null, db);
    runId = run.id;
    await ctx.recordRunId(runId);
  }
  const run = await waitForRunEnd({
    read: () => db.unificationRun.findFirst({ where: { id: runId, ...scope }, select: { status: true, stages: true, errorCode: true, errorMessage: true, errorDetails: true } }),
    onEnded: onUnificationEnded,
    keepLease: ctx.keepLease,
    pollMs: ctx.pollMs,
    signal: ctx.signal,
  });
  if (!run) return { status: "failed", error: { code: "internal_error", message: "The unification run was deleted during the full refresh." } };
  if (run.status === "failed") {
    return {
      status: "failed",
      error: {
        code: run.errorCode ?? "internal_error",
        message: run.errorMessage ?? "The unification run failed.",
        ...(run.errorDetails && typeof run.errorDetails === "object" && !Array.isArray(run.errorDetails) ? { details: run.errorDetails as Record<string, unknown> } : {}),
      },
    };
  }
  const map = countsOf(run.stages, "map");
  const match = countsOf(run.stages, "match");
  const merge = countsOf(run.stages, "merge");
  return {
    status: "successful",
    counts: { recordsIn: map?.recordsIn ?? null, matchedPairs: match?.matchedPairs ?? null, profilesOut: merge?.profilesOut ?? null, matchRate: merge?.matchRate ?? null },
  };
};
