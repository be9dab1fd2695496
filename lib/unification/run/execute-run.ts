import { type Db, type DbTransaction, getDb } from "../../db/client";
import { commitWithEvents } from "../../events/commit-with-events";
import type { TUnificationStage } from "../attributes";
import { buildEventData } from "../../triggers/types";
import type { TUnificationRun, TUnificationStageResult } from "../schemas";
import { type ClaimedUnificationRun, claimUnificationRun, keepUnificationLease, MAX_RUN_ATTEMPTS } from "./claim-run";
import type { UnificationEngine } from "./engine-port";
import { findUnchangedInputs, type UnchangedInputs } from "./run-inputs";
import { queuedStages, toUnificationRunDto } from "./to-run-dto";
import { type StageRunner, type UnifiedProfiles, unify } from "./unify";
import { UnificationError } from "./unification-error";
import { writeProfiles } from "./write-profiles";

/** The run was taken over by another worker (its lease expired) or deleted with its instance. */
class RunLost extends Error {}

type Context = { db: Db; run: ClaimedUnificationRun; instance: { id: string; name: string }; stages: TUnificationStageResult[] };

// Writing 100,000 profiles takes a few seconds; a millisecond more per row is ample.
const transactionOptions = (rowCount: number) => ({ timeoutMs: 30_000 + rowCount });

const leaseWhere = (run: ClaimedUnificationRun) => ({
  id: run.id,
  tenantId: run.tenantId,
  instanceId: run.instanceId,
  leaseToken: run.leaseToken,
  status: "running",
});

/**
 * Progress, in its own short write so the run's page shows it live; only while this worker holds
 * the lease. It renews the lease too: a long stage keeps the event loop (and the renewal timer)
 * busy, and its end is the first moment the worker can say it is still there.
 */
const saveStages = async (ctx: Context) => {
  const { count } = await ctx.db.unificationRun.updateMany({
    where: leaseWhere(ctx.run),
    data: { stages: ctx.stages, leaseUntil: new Date(Date.now() + ctx.run.leaseMs) },
  });
  if (count !== 1) throw new RunLost();
};

const setStage = (ctx: Context, stage: TUnificationStage, change: Partial<TUnificationStageResult>) => {
  ctx.stages = ctx.stages.map((result) => (result.stage === stage ? ({ ...result, ...change } as TUnificationStageResult) : result));
};

const stageRunner =
  (ctx: Context): StageRunner =>
  async (stage, work) => {
    const startedAt = new Date();
    setStage(ctx, stage, { status: "running", startedAt: startedAt.toISOString() });
    await saveStages(ctx);
    let outcome;
    try {
      outcome = await work();
    } catch (error) {
      const finishedAt = new Date();
      setStage(ctx, stage, { status: "failed", finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() });
      throw error;
    }
    const finishedAt = new Date();
    setStage(ctx, stage, {
      status: "successful",
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      counts: outcome.counts,
    });
    await saveStages(ctx);
    return outcome.result;
  };

// Only the worker holding the lease may finish the run; the update also locks the run row.
type RunResult = Parameters<DbTransaction["unificationRun"]["updateMany"]>[0]["data"];
const finishRun = async (tx: DbTransaction, run: ClaimedUnificationRun, data: RunResult) => {
  const { count } = await tx.unificationRun.updateMany({ where: leaseWhere(run), data: { ...data, leaseToken: null, leaseUntil: null, activeKey: null } });
  if (count !== 1) throw new RunLost();
};

const emitCompleted = (ctx: Context, emit: Parameters<Parameters<typeof commitWithEvents>[1]>[1], finishedAt: Date, error: UnificationError | null) =>
  emit(
    {
      tenantId: ctx.run.tenantId,
      instanceId: ctx.run.instanceId,
      type: "unification.refresh.completed",
      // Its subject is the instance: it reaches every registration of its type in the instance.
      subject: {},
      data: buildEventData("unification.refresh.completed", {
        instance: ctx.instance,
        run: {
          id: ctx.run.id,
          status: error ? "failed" : "successful",
          submissionKind: ctx.run.submissionKind,
          submittedAt: ctx.run.submittedAt,
          startedAt: ctx.run.startedAt,
          finishedAt,
        },
        stages: ctx.stages,
        error,
      }),
    },
    finishedAt,
  );

/** A successful run's result: its stages as run (or as kept) and the inputs it stands for. */
const successfulResult = (ctx: Context, finishedAt: Date, inputHash: string, inputUnchanged: boolean): RunResult => ({
  status: "successful",
  finishedAt,
  stages: ctx.stages,
  errorCode: null,
  errorMessage: null,
  errorDetails: undefined,
  inputHash,
  inputUnchanged,
});

/** Replaces the instance's profiles, finishes the run and writes its event: all or nothing. */
const commitSuccess = async (ctx: Context, unified: UnifiedProfiles) => {
  const { db, run } = ctx;
  const finishedAt = new Date();
  await commitWithEvents(
    db,
    async (tx, emit) => {
      await finishRun(tx, run, successfulResult(ctx, finishedAt, unified.inputHash, false));
      await writeProfiles(db, tx, { tenantId: run.tenantId, instanceId: run.instanceId, runId: run.id }, unified.profiles, unified.records, unified.unchanged);
      await emitCompleted(ctx, emit, finishedAt, null);
    },
    transactionOptions(unified.profiles.length + unified.records.length),
  );
};

/**
 * Inputs unchanged: finishes the run as successful with the counts of the run whose profiles
 * stand (its stages, timed as this run) and writes its event, a run having completed; no
 * profile is written.
 */
const commitUnchanged = async (ctx: Context, unchanged: UnchangedInputs, startedAt: Date) => {
  const { db, run } = ctx;
  const finishedAt = new Date();
  ctx.stages = unchanged.stages.map((stage) => ({
    ...stage,
    status: "successful",
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  }));
  await commitWithEvents(
    db,
    async (tx, emit) => {
      await finishRun(tx, run, successfulResult(ctx, finishedAt, unchanged.inputHash, true));
      await emitCompleted(ctx, emit, finishedAt, null);
    },
    transactionOptions(0),
  );
};

/** Fails the run and writes its event; the previous profiles stay as they were. */
const commitFailure = async (ctx: Context, error: UnificationError) => {
  const { db, run } = ctx;
  const finishedAt = new Date();
  // Stages that never started will not: a failed run's later stages are skipped.
  ctx.stages = ctx.stages.map((stage) => (stage.status === "queued" || stage.status === "running" ? { ...stage, status: stage.status === "running" ? "failed" : "skipped" } : stage));
  await commitWithEvents(
    db,
    async (tx, emit) => {
      await finishRun(tx, run, { status: "failed", finishedAt, stages: ctx.stages, errorCode: error.code, errorMessage: error.message, errorDetails: error.details });
      await emitCompleted(ctx, emit, finishedAt, error);
    },
    transactionOptions(0),
  );
};

const interrupted = () =>
  new UnificationError(
    "interrupted",
    `The unification run was interrupted ${MAX_RUN_ATTEMPTS} times: the worker running it stopped before it finished (it was restarted, or ran out of memory). The previous profiles are kept. Try again; if it happens again, contact your administrator.`,
    { attempts: MAX_RUN_ATTEMPTS },
  );

const unexpected = (reason: "saving" | "unexpected", error: unknown) => {
  console.error(`Unification: unexpected error while ${reason === "saving" ? "saving the profiles" : "unifying"}`, error);
  return reason === "saving"
    ? new UnificationError("internal_error", "The profiles could not be saved. The previous profiles are kept; try the run again.", { reason })
    : new UnificationError("internal_error", "The unification run stopped because of an unexpected error. The previous profiles are kept. Try again; if it persists, contact your administrator.", {
        reason,
      });
};

/**
 * Executes a run this worker has claimed: map → match → merge, each stage's progress written as
 * it goes, then ONE transaction for the profiles, the run's result and its event
 * (commitWithEvents). A run that finds the inputs of the latest successful run, with the
 * profiles as it left them, skips the stages and reports that run's counts (run-inputs.ts).
 * A failure at any stage, or in that transaction, fails the run with its event and leaves the
 * previous profiles untouched. Returns the finished run, or null when the run was lost (taken
 * over after its lease expired, or deleted with its instance) or its failure could not be
 * written (the lease then expires and another worker retries it).
 */
export const executeClaimedUnificationRun = async (db: Db, run: ClaimedUnificationRun, engine: UnificationEngine): Promise<TUnificationRun | null> => {
  const stopLease = keepUnificationLease(db, run);
  try {
    const instance = await db.instance.findFirst({ where: { id: run.instanceId, tenantId: run.tenantId }, select: { id: true, name: true } });
    if (!instance) return null;
    const ctx: Context = { db, run, instance, stages: queuedStages() };

    let failure: UnificationError | null = run.attempts > MAX_RUN_ATTEMPTS ? interrupted() : null;
    let unified: UnifiedProfiles | null = null;
    let unchanged: UnchangedInputs | null = null;
    const startedAt = new Date();
    if (!failure) {
      try {
        // The nightly case: the same rows and configuration as the run whose profiles stand.
        unchanged = await findUnchangedInputs(db, run, engine);
        if (!unchanged) unified = await unify(db, { tenantId: run.tenantId, instanceId: run.instanceId, runId: run.id }, engine, stageRunner(ctx));
      } catch (error) {
        if (error instanceof RunLost) return null;
        failure = error instanceof UnificationError ? error : unexpected("unexpected", error);
      }
    }

    if (!failure && unchanged) {
      try {
        await commitUnchanged(ctx, unchanged, startedAt);
        return await readRun(db, run);
      } catch (error) {
        if (error instanceof RunLost) return null;
        failure = unexpected("saving", error);
        // Nothing ran: the stages are skipped, with no counts.
        ctx.stages = queuedStages();
      }
    }

    if (!failure && unified) {
      try {
        await commitSuccess(ctx, unified);
        return await readRun(db, run);
      } catch (error) {
        if (error instanceof RunLost) return null;
        failure = unexpected("saving", error);
        // Nothing was saved: the merge's counts describe profiles no one will see.
        setStage(ctx, "merge", { status: "failed", counts: null });
      }
    }

    try {
      await commitFailure(ctx, failure!);
      return await readRun(db, run);
    } catch (error) {
      if (!(error instanceof RunLost)) console.error("Unification: could not record the failed run", error);
      return null;
    }
  } finally {
    stopLease();
  }
};

const readRun = async (db: Db, run: ClaimedUnificationRun) => {
  const finished = await db.unificationRun.findFirst({ where: { id: run.id, tenantId: run.tenantId, instanceId: run.instanceId } });
  return finished ? toUnificationRunDto(finished) : null;
};

/**
 * Claims one specific run and executes it now, outside the worker loop (tests, seed). Returns
 * null when the run is not claimable (finished, or another worker holds it).
 */
export const executeUnificationRun = async (
  runId: string,
  engine: UnificationEngine,
  options: { db?: Db; workerId?: string } = {},
): Promise<TUnificationRun | null> => {
  const db = options.db ?? getDb();
  const run = await claimUnificationRun(db, { runId, workerId: options.workerId });
  return run ? executeClaimedUnificationRun(db, run, engine) : null;
};
