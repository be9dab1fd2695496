import { type Db, type DbTransaction, getDb } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { DatabaseBusyError } from "../db/database-busy-error";
import { writeTransaction } from "../db/write-transaction";
import { commitWithEvents } from "../events/commit-with-events";
import { buildEventData } from "../triggers/types";
import { type ClaimedRefreshJob, MAX_JOB_ATTEMPTS, claimRefreshJob } from "./claim-job";
import type { TRefreshJob, TRefreshTaskKind, TRefreshTaskResult, TRefreshTaskSkipReason, TRefreshTaskStatus } from "./schemas";
import { JobLost, JobStopped, throwIfStopped } from "./job-interruptions";
import { type DependencyFacts, dependencyFailed } from "./task-dependencies";
import { type TaskFailure, type TaskOutcome, type TaskRunners, taskFailureOf } from "./task-runners";
import { type RefreshJobTaskRow, jobWithTasks, taskResultOf, toRefreshJobDto } from "./to-job-dto";


/** How often a task waiting for a run looks at it when no in-process signal says it ended. */
export const RUN_POLL_MS = 250;

type Context = {
  db: Db;
  job: ClaimedRefreshJob;
  instance: { id: string; name: string };
  runners: TaskRunners;
  pollMs: number;
  signal?: AbortSignal;
  /** When keepLease last renewed the lease (ms since the epoch). */
  renewedAt: number;
};
// Details are JSON-safe by construction (codes, names, counts).
const jsonDetails = (details: Record<string, unknown> | undefined) => details as Prisma.InputJsonObject | undefined;

type TaskData = Parameters<DbTransaction["refreshJobTask"]["updateMany"]>[0]["data"];

const leaseWhere = (job: ClaimedRefreshJob) => ({ id: job.id, tenantId: job.tenantId, instanceId: job.instanceId, leaseToken: job.leaseToken, status: "running" });
const renewal = (job: ClaimedRefreshJob) => ({ leaseUntil: new Date(Date.now() + job.leaseMs) });

/**
 * Renews the lease; the proof, before a wait, that this worker still holds the job. At most every
 * leaseMs/3 (not at every look at a run): each renewal is a write, and on SQLite it queues behind
 * the awaited run's own transactions. A takeover is still seen well before the lease could expire.
 */
const keepLease = async (ctx: Context) => {
  if (Date.now() - ctx.renewedAt < ctx.job.leaseMs / 3) return;
  const { count } = await ctx.db.refreshJob.updateMany({ where: leaseWhere(ctx.job), data: renewal(ctx.job) });
  if (count !== 1) throw new JobLost();
  ctx.renewedAt = Date.now();
};

/** Renews the lease on a timer too: a long computation keeps the task's own renewals away. */
const keepLeaseAlive = (ctx: Context): (() => void) => {
  const timer = setInterval(() => {
    ctx.db.refreshJob.updateMany({ where: leaseWhere(ctx.job), data: renewal(ctx.job) }).catch(() => undefined);
  }, ctx.job.leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
};

/** A task's change, only while this worker holds the job: the lease check (which locks the job row) and the write in one transaction. */
const writeTask = (ctx: Context, taskId: string, data: TaskData) =>
  writeTransaction(ctx.db, async (tx) => {
    const { count } = await tx.refreshJob.updateMany({ where: leaseWhere(ctx.job), data: renewal(ctx.job) });
    if (count !== 1) throw new JobLost();
    await tx.refreshJobTask.updateMany({ where: { id: taskId, jobId: ctx.job.id, tenantId: ctx.job.tenantId, instanceId: ctx.job.instanceId }, data });
  });

const skip = (ctx: Context, task: RefreshJobTaskRow, skipReason: TRefreshTaskSkipReason, now: Date) =>
  writeTask(ctx, task.id, { status: "skipped", finishedAt: now, result: { ...taskResultOf(task), skipReason } satisfies TRefreshTaskResult });

const readTasks = (ctx: Context) =>
  ctx.db.refreshJobTask.findMany({ where: { jobId: ctx.job.id, tenantId: ctx.job.tenantId, instanceId: ctx.job.instanceId }, orderBy: { position: "asc" } });

const dependencyView = (task: RefreshJobTaskRow) => ({
  kind: task.kind as TRefreshTaskKind,
  subjectId: task.subjectId,
  status: task.status as TRefreshTaskStatus,
  result: taskResultOf(task),
});

/** What the task's dependencies need beyond the task list: the sources unification maps, the segment filtering a measure. */
const dependencyFactsOf = async (ctx: Context, task: RefreshJobTaskRow): Promise<DependencyFacts> => {
  const where = { tenantId: ctx.job.tenantId, instanceId: ctx.job.instanceId };
  if (task.kind === "unification") {
    const mappings = await ctx.db.unificationSourceMapping.findMany({ where, select: { dataSourceId: true } });
    return { mappedSourceIds: mappings.map((mapping) => mapping.dataSourceId) };
  }
  if (task.kind === "measure" && task.subjectId) {
    return { measureSegmentId: (await ctx.db.measure.findFirst({ where: { id: task.subjectId, ...where }, select: { segmentId: true } }))?.segmentId ?? null };
  }
  return {};
};

/** Runs one task to its end and records the outcome; a runner's throw is the task's failure. */
const runTask = async (ctx: Context, task: RefreshJobTaskRow) => {
  // A task found running was started by a worker that lost the job: it resumes, keeping its start and run.
  if (task.status !== "running") await writeTask(ctx, task.id, { status: "running", startedAt: new Date() });
  let outcome: TaskOutcome;
  try {
    outcome = await ctx.runners[task.kind as TRefreshTaskKind]({
      db: ctx.db,
      job: ctx.job,
      instanceName: ctx.instance.name,
      task,
      recordRunId: (runId) => writeTask(ctx, task.id, { runId }),
      keepLease: () => keepLease(ctx),
      pollMs: ctx.pollMs,
      signal: ctx.signal,
    });
  } catch (error) {
    // A busy database is no failure of the task: the job stops here, and its lease expires, so the
    // claim loop takes it over and resumes this task.
    if (error instanceof JobLost || error instanceof JobStopped || error instanceof DatabaseBusyError) throw error;
    outcome = { status: "failed", error: taskFailureOf(error) };
  }
  const finishedAt = new Date();
  await writeTask(
    ctx,
    task.id,
    outcome.status === "successful"
      ? { status: "successful", finishedAt, result: { counts: outcome.counts } satisfies TRefreshTaskResult }
      : { status: "failed", finishedAt, errorCode: outcome.error.code, errorMessage: outcome.error.message, errorDetails: jsonDetails(outcome.error.details) },
  );
};

const interrupted = (): TaskFailure => ({
  code: "interrupted",
  message: `The full refresh was interrupted ${MAX_JOB_ATTEMPTS} times: the worker running it stopped before it finished. Try again; if it happens again, contact your administrator.`,
  details: { attempts: MAX_JOB_ATTEMPTS },
});

/**
 * The job's end, in ONE commitWithEvents transaction: its final status (successful only if no task
 * failed or was skipped because something failed; cancelled when a cancellation skipped tasks, which
 * keeps a failure before it visible as the tasks_failed error of the cancelled job),
 * and the refresh.full.completed event with every task, for registrations of its submission kind or any.
 */
const finishJob = async (ctx: Context, jobError: TaskFailure | null) => {
  const { db, job } = ctx;
  const tasks = await readTasks(ctx);
  const results = tasks.map(taskResultOf);
  const cancelled = results.some((result) => result.skipReason === "cancelled");
  const failed = tasks.filter((task, index) => task.status === "failed" || (task.status === "skipped" && results[index]!.skipReason === "dependency_failed"));
  const status = cancelled ? "cancelled" : failed.length > 0 || jobError ? "failed" : "successful";
  const error =
    jobError ??
    (failed.length > 0
      ? {
          code: "tasks_failed",
          message: `${tasks.filter((task) => task.status === "failed").length} of the ${tasks.length} tasks failed; the tasks that depend on them were skipped.`,
          details: { failed: tasks.filter((task) => task.status === "failed").length, total: tasks.length },
        }
      : null);
  const finishedAt = new Date();
  await commitWithEvents(db, async (tx, emit) => {
    const { count } = await tx.refreshJob.updateMany({
      where: leaseWhere(job),
      data: {
        status,
        finishedAt,
        errorCode: error?.code ?? null,
        errorMessage: error?.message ?? null,
        errorDetails: jsonDetails(error?.details),
        leaseToken: null,
        leaseUntil: null,
        activeKey: null,
      },
    });
    if (count !== 1) throw new JobLost();
    const stored = await tx.refreshJob.findFirstOrThrow({ where: { id: job.id, tenantId: job.tenantId, instanceId: job.instanceId }, select: { submittedAt: true, startedAt: true, scheduledFor: true } });
    const submissionKind = job.submissionKind === "scheduled" ? "scheduled" : "onDemand";
    await emit(
      {
        tenantId: job.tenantId,
        instanceId: job.instanceId,
        type: "refresh.full.completed",
        subject: { submissionKind },
        data: buildEventData("refresh.full.completed", {
          instance: ctx.instance,
          job: { id: job.id, status, submissionKind, scheduledFor: stored.scheduledFor, submittedAt: stored.submittedAt, startedAt: stored.startedAt, finishedAt },
          tasks: tasks.map((task, index) => ({
            position: task.position,
            kind: task.kind as TRefreshTaskKind,
            subjectId: task.subjectId,
            subjectName: task.subjectName,
            status: task.status as TRefreshTaskStatus,
            runId: task.runId,
            startedAt: task.startedAt,
            finishedAt: task.finishedAt,
            counts: results[index]!.counts ?? null,
            skipReason: results[index]!.skipReason ?? null,
            error: task.errorCode ? { code: task.errorCode, message: task.errorMessage ?? "" } : null,
          })),
        }),
      },
      finishedAt,
    );
  });
};

/** Advances the job task by task until none is left, a cancellation stops it, or the job is lost. */
const advance = async (ctx: Context) => {
  for (;;) {
    throwIfStopped(ctx.signal);
    const state = await ctx.db.refreshJob.findFirst({ where: leaseWhere(ctx.job), select: { cancelRequestedAt: true } });
    if (!state) throw new JobLost();
    const tasks = await readTasks(ctx);
    const next = tasks.find((task) => task.status === "queued" || task.status === "running");
    if (!next) return null;
    const now = new Date();
    if (state.cancelRequestedAt) {
      // Stops before the next task: what is left is skipped (a run a lost worker had started ends on its own).
      for (const task of tasks.filter((task) => task.status === "queued" || task.status === "running")) await skip(ctx, task, "cancelled", now);
      return null;
    }
    if (ctx.job.attempts > MAX_JOB_ATTEMPTS) {
      // Claimed once too often: whatever kills its workers must not keep them busy for ever.
      await writeTask(ctx, next.id, { status: "failed", finishedAt: now, errorCode: interrupted().code, errorMessage: interrupted().message, errorDetails: jsonDetails(interrupted().details) });
      for (const task of tasks.filter((task) => task.id !== next.id && (task.status === "queued" || task.status === "running"))) await skip(ctx, task, "dependency_failed", now);
      return interrupted();
    }
    if (dependencyFailed(dependencyView(next), tasks.map(dependencyView), await dependencyFactsOf(ctx, next))) {
      await skip(ctx, next, "dependency_failed", now);
      continue;
    }
    await runTask(ctx, next);
  }
};

/**
 * Hands a job back when this worker stops: its lease ends now, so the next claim (of any worker)
 * takes it over and resumes it from its first unfinished task, waiting for the run it had recorded.
 * The token stays: the claim replaces it, and until then this worker's writes still match nothing new.
 */
const releaseLease = async (ctx: Context) => {
  try {
    await ctx.db.refreshJob.updateMany({ where: leaseWhere(ctx.job), data: { leaseUntil: new Date() } });
  } catch (error) {
    // The lease then expires on its own: a takeover is only later.
    console.error(`Full refresh: could not release job ${ctx.job.id} while stopping`, error);
  }
};

/**
 * Executes a job this worker has claimed: each task in order (after a takeover, from the first one
 * not finished: finished tasks are never run again, a running one resumes with its recorded run),
 * then the job's end with its event. Returns the finished job, or null when it was lost (taken over
 * after its lease expired, or deleted with its instance) or handed back because the worker is
 * stopping (options.signal). A busy database throws (DatabaseBusyError) without recording a
 * failure: the claim loop logs it and the job is taken over once its lease expires.
 */
export const executeClaimedRefreshJob = async (
  db: Db,
  job: ClaimedRefreshJob,
  runners: TaskRunners,
  options: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<TRefreshJob | null> => {
  const instance = await db.instance.findFirst({ where: { id: job.instanceId, tenantId: job.tenantId }, select: { id: true, name: true } });
  if (!instance) return null;
  const ctx: Context = { db, job, instance, runners, pollMs: options.pollMs ?? RUN_POLL_MS, signal: options.signal, renewedAt: 0 };
  const stopLease = keepLeaseAlive(ctx);
  try {
    const jobError = await advance(ctx);
    await finishJob(ctx, jobError);
    const finished = await db.refreshJob.findFirst({ where: { id: job.id, tenantId: job.tenantId, instanceId: job.instanceId }, include: jobWithTasks });
    return finished ? toRefreshJobDto(finished) : null;
  } catch (error) {
    if (error instanceof JobLost) return null;
    if (error instanceof JobStopped) {
      stopLease();
      await releaseLease(ctx);
      return null;
    }
    throw error;
  } finally {
    stopLease();
  }
};

/** Claims one specific job and executes it now, outside the worker loop (tests). Null when it is not claimable. */
export const executeRefreshJob = async (
  jobId: string,
  runners: TaskRunners,
  options: { db?: Db; workerId?: string; leaseMs?: number; pollMs?: number } = {},
): Promise<TRefreshJob | null> => {
  const db = options.db ?? getDb();
  const job = await claimRefreshJob(db, { jobId, workerId: options.workerId, leaseMs: options.leaseMs });
  return job ? executeClaimedRefreshJob(db, job, runners, options) : null;
};
