import { type Db, type DbTransaction, getDatabaseTarget, getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import type { EventInput } from "../events/enqueue-event";
import { buildEventData } from "../triggers/types";
import { type ClaimedRun, claimRun, keepLease, MAX_RUN_ATTEMPTS } from "./claim-run";
import { contentFingerprint } from "./content-fingerprint";
import { type ParsedCsv, parseCsv } from "./parse-csv";
import { readSourceContent } from "./read-source-content";
import { replaceRows } from "./replace-rows";
import { RefreshError } from "./refresh-error";
import type { TDataSourceRun } from "./schemas";
import { latestSuccessfulRun, rowsRunIdOf } from "./stored-rows";
import { requiredColumnsOf, toRunDto } from "./to-dto";

/** The run was taken over by another worker (its lease expired) or deleted with its source. */
class RunLost extends Error {}

type Source = NonNullable<Awaited<ReturnType<Db["dataSource"]["findFirst"]>>>;
type Context = { db: Db; run: ClaimedRun; source: Source; instance: { id: string; name: string } };

// Writing the rows takes longer for a large file: a millisecond more per row is ample.
const transactionOptions = (rowCount: number) => ({ timeoutMs: 30_000 + rowCount });

// Only the worker holding the lease may finish the run; the update also locks the run row.
type RunResult = Parameters<DbTransaction["dataSourceRun"]["updateMany"]>[0]["data"];
const finishRun = async (tx: DbTransaction, run: ClaimedRun, data: RunResult) => {
  const { count } = await tx.dataSourceRun.updateMany({
    where: { id: run.id, tenantId: run.tenantId, instanceId: run.instanceId, leaseToken: run.leaseToken, status: "running" },
    data: { ...data, leaseToken: null, leaseUntil: null, activeKey: null },
  });
  if (count !== 1) throw new RunLost();
};

// The run's event: its data comes from its type's builder, the one test-fires' sample events use too.
const refreshEvent = (ctx: Context, finishedAt: Date, rowCount: number | null, error: RefreshError | null): EventInput => {
  const type = error ? "datasource.refresh.failed" : "datasource.refresh.succeeded";
  return {
    tenantId: ctx.run.tenantId,
    instanceId: ctx.run.instanceId,
    type,
    subject: { dataSourceId: ctx.source.id },
    data: buildEventData(type, {
      instance: ctx.instance,
      dataSource: { id: ctx.source.id, name: ctx.source.name, kind: ctx.source.kind },
      run: {
        id: ctx.run.id,
        status: error ? "failed" : "successful",
        submissionKind: ctx.run.submissionKind,
        submittedAt: ctx.run.submittedAt,
        startedAt: ctx.run.startedAt,
        finishedAt,
        rowCount,
      },
      error: error ? { code: error.code, message: error.message } : null,
    }),
  };
};

type StoredRows = { rowsRunId: string; rowCount: number; columns: string[] };

/** A successful run's result over the rows the source holds after it (written by it, or kept). */
const successfulResult = (finishedAt: Date, rows: StoredRows, contentHash: string, contentUnchanged: boolean): RunResult => ({
  status: "successful",
  finishedAt,
  rowCount: rows.rowCount,
  columns: rows.columns,
  errorCode: null,
  errorMessage: null,
  contentHash,
  contentUnchanged,
  rowsRunId: rows.rowsRunId,
});

/** Replaces the source's rows, finishes the run and writes the event: all or nothing. */
const commitSuccess = async (ctx: Context, { columns, rows }: ParsedCsv, contentHash: string) => {
  const { db, run, source } = ctx;
  const finishedAt = new Date();
  await commitWithEvents(db, async (tx, emit) => {
    await finishRun(tx, run, successfulResult(finishedAt, { rowsRunId: run.id, rowCount: rows.length, columns }, contentHash, false));
    await replaceRows(tx, getDatabaseTarget().provider, {
      tenantId: run.tenantId,
      instanceId: run.instanceId,
      dataSourceId: source.id,
      runId: run.id,
      rows,
    });
    await emit(refreshEvent(ctx, finishedAt, rows.length, null), finishedAt);
  }, transactionOptions(rows.length));
};

/**
 * The rows the source holds, when the latest successful refresh read content with this
 * fingerprint: its rows are then what parsing the content again would write. The rows
 * themselves must say they are that run's (a refresh replaces them all at once, so one row
 * tells), else the content is parsed as usual.
 */
const storedRowsOf = async (ctx: Context, contentHash: string): Promise<StoredRows | null> => {
  const { db, run, source } = ctx;
  const latest = await latestSuccessfulRun(db, run, source.id);
  if (!latest || latest.contentHash === null || latest.contentHash !== contentHash || latest.rowCount === null) return null;
  const rowsRunId = rowsRunIdOf(latest);
  // DataSourceRow has no tenant columns: scoped through its data source.
  const row = await db.dataSourceRow.findFirst({
    where: { dataSource: { id: source.id, tenantId: run.tenantId, instanceId: run.instanceId } },
    select: { runId: true },
  });
  const consistent = latest.rowCount === 0 ? row === null : row?.runId === rowsRunId;
  return consistent ? { rowsRunId, rowCount: latest.rowCount, columns: requiredColumnsOf(latest.columns) } : null;
};

/**
 * Content unchanged: finishes the run as successful over the rows the source holds (their count
 * and header, and a pointer to the run that wrote them) and writes the event, a refresh having
 * succeeded; the rows are not touched.
 */
const commitUnchanged = async (ctx: Context, stored: StoredRows, contentHash: string) => {
  const { db, run } = ctx;
  const finishedAt = new Date();
  await commitWithEvents(db, async (tx, emit) => {
    await finishRun(tx, run, successfulResult(finishedAt, stored, contentHash, true));
    await emit(refreshEvent(ctx, finishedAt, stored.rowCount, null), finishedAt);
  }, transactionOptions(0));
};

/** Fails the run and writes the event; the source's previous rows stay as they were. */
const commitFailure = async (ctx: Context, error: RefreshError, contentHash: string | null) => {
  const { db, run, source } = ctx;
  const finishedAt = new Date();
  await commitWithEvents(db, async (tx, emit) => {
    await finishRun(tx, run, {
      status: "failed",
      finishedAt,
      rowCount: null,
      errorCode: error.code,
      errorMessage: error.message,
      errorDetails: error.details,
      contentHash,
    });
    await emit(refreshEvent(ctx, finishedAt, null, error), finishedAt);
  }, transactionOptions(0));
};

// The claim after the last allowed one: every earlier worker died (or stalled) mid-run.
const interrupted = () =>
  new RefreshError(
    "interrupted",
    `The refresh was interrupted ${MAX_RUN_ATTEMPTS} times: the worker running it stopped before it finished (it was restarted, or ran out of memory on a very large file). The previous data is kept. Try again; if it happens again, contact your administrator.`,
    { attempts: MAX_RUN_ATTEMPTS },
  );

const unexpected = (stage: string, error: unknown) => {
  console.error(`Data source refresh: unexpected error while ${stage}`, error);
  return stage === "saving"
    ? new RefreshError("internal_error", "The rows could not be saved. The previous data is kept; try the refresh again.", { reason: "saving" })
    : new RefreshError(
        "internal_error",
        "The refresh stopped because of an unexpected error. Try again; if it persists, contact your administrator.",
        { reason: "unexpected" },
      );
};

/**
 * Executes a run this worker has claimed: read, parse (unless the content's fingerprint is the
 * one of the rows the source holds: those are kept), then one transaction for the result and
 * its event. Returns the finished run, or null when the run was lost (deleted with its
 * source, or taken over after the lease expired) or its result could not be written (the
 * lease then expires and another worker retries it). A run claimed more than
 * MAX_RUN_ATTEMPTS times is not read again: it fails as interrupted.
 */
export const executeClaimedRun = async (db: Db, run: ClaimedRun): Promise<TDataSourceRun | null> => {
  const stopLease = keepLease(db, run);
  try {
    const [source, instance] = await Promise.all([
      db.dataSource.findFirst({ where: { id: run.dataSourceId, tenantId: run.tenantId, instanceId: run.instanceId } }),
      db.instance.findFirst({ where: { id: run.instanceId, tenantId: run.tenantId }, select: { id: true, name: true } }),
    ]);
    if (!source || !instance) return null;
    const ctx: Context = { db, run, source, instance };

    let failure: RefreshError | null = run.attempts > MAX_RUN_ATTEMPTS ? interrupted() : null;
    let parsed: ParsedCsv = { columns: [], rows: [] };
    let contentHash: string | null = null;
    let stored: StoredRows | null = null;
    if (!failure) {
      try {
        const content = await readSourceContent(db, source);
        const requiredColumns = requiredColumnsOf(source.requiredColumns);
        contentHash = contentFingerprint(content, requiredColumns);
        // The nightly case: the same file again. Its rows are already stored; parsing and
        // rewriting them would change nothing but their ids.
        stored = await storedRowsOf(ctx, contentHash);
        if (!stored) parsed = parseCsv(content, requiredColumns);
      } catch (error) {
        failure = error instanceof RefreshError ? error : unexpected("reading the data", error);
      }
    }

    if (!failure) {
      try {
        if (stored) await commitUnchanged(ctx, stored, contentHash!);
        else await commitSuccess(ctx, parsed, contentHash!);
        return await readRun(db, run);
      } catch (error) {
        if (error instanceof RunLost) return null;
        failure = unexpected("saving", error);
      }
    }

    try {
      await commitFailure(ctx, failure, contentHash);
      return await readRun(db, run);
    } catch (error) {
      if (!(error instanceof RunLost)) console.error("Data source refresh: could not record the failed run", error);
      return null;
    }
  } finally {
    stopLease();
  }
};

const readRun = async (db: Db, run: ClaimedRun) => {
  const finished = await db.dataSourceRun.findFirst({ where: { id: run.id, tenantId: run.tenantId, instanceId: run.instanceId } });
  return finished ? toRunDto(finished) : null;
};

/**
 * Claims one specific run and executes it now, outside the worker loop (tests, seed).
 * Returns null when the run is not claimable (finished, or another worker holds it).
 */
export const executeRun = async (
  runId: string,
  options: { db?: Db; workerId?: string } = {},
): Promise<TDataSourceRun | null> => {
  const db = options.db ?? getDb();
  const run = await claimRun(db, { runId, workerId: options.workerId });
  return run ? executeClaimedRun(db, run) : null;
};
