import type { Db, DbTransaction } from "../db/client";
import { type DirectSql, timestampText } from "../db/direct-sql";
import type { DatabaseProvider } from "../db/provider";
import { directDialectOf, writeDirect, writeDirectScript } from "../db/write-transaction";
import { HOT_ROW_RESOLUTION_MS } from "../db/hot-rows";
import { newIds } from "../ids/new-id";
import { MAX_ATTEMPTS, nextAttemptDelayMs } from "./retry-schedule";
import { type AttemptFailure, attemptFailure, encodeErrorDetails } from "./attempt-error";
import type { AttemptResult } from "./send-webhook";
import { allSucceededSteps, failureSql, type OutcomeRecord, recoverSql, settleAndLogSteps } from "./sql/record-attempts-sql";

/** The client, or the transaction a replay records its outcome in (markGone). */
type Writer = Db | DbTransaction;

const DAY = 24 * 60 * 60 * 1000;
/** A registration that has failed for this long without a success is disabled (SPEC §4). */
export const DISABLE_AFTER_MS = 5 * DAY;

/** What the worker knows about one scheduled attempt once it has been made. */
export type CompletedAttempt = {
  deliveryId: string;
  tenantId: string;
  instanceId: string;
  registrationId: string;
  registrationOrigin: string;
  leaseToken: string;
  number: number;
  result: AttemptResult;
};

type DeliveryVerdict =
  | { kind: "succeeded" }
  | { kind: "gone"; error: AttemptFailure }
  | { kind: "retry"; nextAttemptAt: Date; error: AttemptFailure }
  | { kind: "exhausted"; error: AttemptFailure };

/** 410, and 404 from Power Automate (its flow was deleted), mean "stop sending here". */
export const isGoneAnswer = (statusCode: number | null, origin: string) =>
  statusCode === 410 || (statusCode === 404 && origin === "powerAutomate");

export const goneFailure = (statusCode: number | null): AttemptFailure =>
  statusCode === 410
    ? attemptFailure("gone", "The endpoint answered 410 Gone: the trigger was marked gone and receives no more events.", {
        reason: "endpoint_gone",
      })
    : attemptFailure(
        "gone",
        "Power Automate answered 404 (the flow was deleted): the trigger was marked gone and receives no more events.",
        { reason: "flow_deleted" },
      );

/** The columns of a delivery that say why it last failed (none once it succeeded). */
export const lastErrorColumns = (failure: AttemptFailure | null) => ({
  lastError: failure?.message ?? null,
  lastErrorCode: failure?.code ?? null,
  lastErrorDetails: encodeErrorDetails(failure?.details),
});

/** The failure an attempt result describes (null when it succeeded). */
export const failureOf = (result: AttemptResult): AttemptFailure | null =>
  result.outcome === "succeeded"
    ? null
    : result.errorCode
      ? { code: result.errorCode, message: result.error ?? "The attempt failed.", details: result.errorDetails }
      : attemptFailure("network", result.error ?? "The attempt failed.");

const verdictFor = (attempt: CompletedAttempt, random: () => number): DeliveryVerdict => {
  const { result } = attempt;
  if (result.outcome === "succeeded") return { kind: "succeeded" };
  const error = failureOf(result)!;
  if (isGoneAnswer(result.statusCode, attempt.registrationOrigin)) return { kind: "gone", error: goneFailure(result.statusCode) };
  const delay = nextAttemptDelayMs(attempt.number, {
    statusCode: result.statusCode,
    retryAfter: result.retryAfterMs,
    timedOut: result.timedOut,
    random,
  });
  if (delay === null) {
    return {
      kind: "exhausted",
      error: { ...error, message: `${error.message} Gave up after ${MAX_ATTEMPTS} attempts.`, details: { ...error.details, gaveUpAfter: MAX_ATTEMPTS } },
    };
  }
  const finishedAt = result.startedAt.getTime() + result.durationMs;
  return { kind: "retry", nextAttemptAt: new Date(finishedAt + delay), error };
};

type RegistrationKey = { id: string; tenantId: string; instanceId: string };

/** Which attempts were recorded, and which were dropped because their worker no longer held the lease. */
export type RecordedAttempts = { recorded: CompletedAttempt[]; lost: CompletedAttempt[] };

type Outcome = { attempt: CompletedAttempt; verdict: DeliveryVerdict };

/** A delivery settled by this batch, and the lease its outcome was recorded under. */
type HeldLease = { id: string; leaseToken: string };
// A delivery may be in a batch twice (its lease expired and this worker claimed it again while the
// first attempt was in flight): whose outcome counts is a matter of delivery AND lease.
const leaseKey = ({ id, leaseToken }: HeldLease) => `${leaseToken} ${id}`;

const finishedAt = (result: AttemptResult) => result.startedAt.getTime() + result.durationMs;

/** The delivery's new state and the attempt-log row of one outcome, as the batch statements take them. */
const outcomeRecord = (dialect: DatabaseProvider, { attempt, verdict }: Outcome, attemptId: string, now: Date): OutcomeRecord => {
  const { result } = attempt;
  return {
    deliveryId: attempt.deliveryId,
    leaseToken: attempt.leaseToken,
    registrationId: attempt.registrationId,
    tenantId: attempt.tenantId,
    instanceId: attempt.instanceId,
    status: verdict.kind === "succeeded" ? "succeeded" : verdict.kind === "retry" ? "pending" : "failed",
    statusCode: result.statusCode,
    ...lastErrorColumns(verdict.kind === "succeeded" ? null : verdict.error),
    nextAttemptAt: verdict.kind === "retry" ? timestampText(dialect, verdict.nextAttemptAt) : null,
    completedAt: verdict.kind === "retry" ? null : timestampText(dialect, now),
    attemptId,
    number: attempt.number,
    startedAt: timestampText(dialect, result.startedAt),
    durationMs: result.durationMs,
    outcome: result.outcome,
    responseBody: result.responseBody,
    // The attempt keeps its own failure; the delivery the verdict's ("gave up", "gone").
    error: result.error,
    errorCode: result.errorCode,
    errorDetails: encodeErrorDetails(result.errorDetails),
  };
};

/**
 * Writes a batch of attempts and everything they change in ONE transaction: their
 * deliveries, the attempt rows and the registrations' health. Every one of these writes
 * happens only for deliveries whose lease this worker still holds: the outcome of an
 * attempt whose lease was taken over (it expired while the request was in flight) is
 * dropped, so a delivery never gets two outcomes for one attempt number, and the worker
 * that now holds it records its own without a conflict. Batching is what makes thousands
 * of durably logged deliveries per second possible on SQLite.
 *
 * Direct statements (lib/db/direct-sql.ts), each SQL text prepared once, the whole batch in
 * one JSON parameter: the lease-guarded delivery updates decide the winners (on PostgreSQL
 * the update also locks the row until commit, so the lease cannot move in between); the
 * attempt rows and the health are written for the winners only. A batch of successes (the
 * common case) is one statement on PostgreSQL and one message to SQLite's writer thread.
 */
export const recordAttempts = async (
  db: Db,
  attempts: CompletedAttempt[],
  options: { now?: Date; random?: () => number } = {},
): Promise<RecordedAttempts> => {
  if (attempts.length === 0) return { recorded: [], lost: [] };
  const now = options.now ?? new Date();
  const random = options.random ?? Math.random;
  const outcomes = attempts.map((attempt) => ({ attempt, verdict: verdictFor(attempt, random) }));
  const dialect = directDialectOf(db);
  const attemptIds = newIds("att", outcomes.length, now.getTime());
  // Built once: a rerun of the transaction (a PostgreSQL deadlock) writes the same rows.
  const records = outcomes.map((outcome, index) => outcomeRecord(dialect, outcome, attemptIds[index]!, now));
  const hotRowCutOff = new Date(now.getTime() - HOT_ROW_RESOLUTION_MS);

  let heldRows: HeldLease[];
  if (outcomes.every(({ verdict }) => verdict.kind === "succeeded")) {
    // The common case: nothing to work out between the statements, so one go.
    heldRows = (await writeDirectScript(db, allSucceededSteps(dialect, records, now, hotRowCutOff))).at(-1) as HeldLease[];
  } else {
    heldRows = await writeDirect(db, async (direct) => {
      let settled: HeldLease[] = [];
      for (const step of settleAndLogSteps(direct.dialect, records)) {
        settled = step.each ? await direct.each(step.sql, step.each) : await direct.all(step.sql, step.params);
      }
      const held = new Set(settled.map(leaseKey));
      const won = outcomes.filter(({ attempt }) => held.has(leaseKey({ id: attempt.deliveryId, leaseToken: attempt.leaseToken })));
      if (won.length > 0) await updateRegistrationHealth(direct, won, now, hotRowCutOff);
      return settled;
    });
  }
  const held = new Set(heldRows.map(leaseKey));
  const recorded: CompletedAttempt[] = [];
  const lost: CompletedAttempt[] = [];
  for (const attempt of attempts) (held.has(leaseKey({ id: attempt.deliveryId, leaseToken: attempt.leaseToken })) ? recorded : lost).push(attempt);
  return { recorded, lost };
};

type Health = RegistrationKey & { outcomes: Array<{ succeeded: boolean; at: Date; gone: AttemptFailure | null }> };

const updateRegistrationHealth = async (direct: DirectSql, outcomes: Outcome[], now: Date, hotRowCutOff: Date) => {
  const byRegistration = new Map<string, Health>();
  // Outcomes in the order the answers arrived, so "the last one wins" holds inside a batch.
  const order = [...outcomes].sort((a, b) => finishedAt(a.attempt.result) - finishedAt(b.attempt.result));
  for (const { attempt, verdict } of order) {
    const health = byRegistration.get(attempt.registrationId) ?? {
      id: attempt.registrationId,
      tenantId: attempt.tenantId,
      instanceId: attempt.instanceId,
      outcomes: [],
    };
    health.outcomes.push({
      succeeded: verdict.kind === "succeeded",
      at: new Date(finishedAt(attempt.result)),
      gone: verdict.kind === "gone" ? verdict.error : null,
    });
    byRegistration.set(attempt.registrationId, health);
  }

  // One statement per instance for every registration whose last outcome was a success.
  const recoveredByScope = new Map<string, { tenantId: string; instanceId: string; ids: string[] }>();
  for (const health of byRegistration.values()) {
    if (!health.outcomes.at(-1)!.succeeded) {
      await recordFailures(direct, health, now);
      continue;
    }
    const key = `${health.tenantId} ${health.instanceId}`;
    const group = recoveredByScope.get(key) ?? { tenantId: health.tenantId, instanceId: health.instanceId, ids: [] };
    group.ids.push(health.id);
    recoveredByScope.set(key, group);
  }
  for (const { tenantId, instanceId, ids } of recoveredByScope.values()) {
    await direct.run(recoverSql(direct.dialect), [JSON.stringify(ids), now, hotRowCutOff, tenantId, instanceId]);
  }
};

const recordFailures = async (direct: DirectSql, health: Health, now: Date) => {
  const sql = failureSql;
  const registration = [health.id, health.tenantId, health.instanceId];
  const lastSuccess = health.outcomes.findLastIndex((outcome) => outcome.succeeded);
  const failures = health.outcomes.slice(lastSuccess + 1);
  const firstFailureAt = failures[0]!.at;
  const gone = failures.find((outcome) => outcome.gone)?.gone;
  if (lastSuccess >= 0) {
    await direct.run(sql.countFailures, [...registration, failures.length, now]);
    // A success earlier in this batch restarted the failure clock.
    await direct.run(sql.restartFailingClock, [...registration, firstFailureAt, now]);
  } else {
    await direct.run(sql.addFailures, [...registration, failures.length, now]);
  }
  await direct.run(sql.startFailing, [...registration, firstFailureAt, now]);
  await direct.run(sql.disable, [...registration, new Date(now.getTime() - DISABLE_AFTER_MS), now]);
  if (gone) {
    // As markGone below does for a replay.
    const { lastError, lastErrorCode, lastErrorDetails } = lastErrorColumns(gone);
    await direct.run(sql.markGone, [...registration, now]);
    await direct.run(sql.cancelWaiting, [...registration, lastError, lastErrorCode, lastErrorDetails, now]);
  }
};

/** The registration stops receiving events and its waiting deliveries are cancelled. */
export const markGone = (db: Writer, scope: RegistrationKey, reason: AttemptFailure, now: Date) => [
  db.triggerRegistration.updateMany({ where: scope, data: { status: "gone" } }),
  db.delivery.updateMany({
    where: { registrationId: scope.id, tenantId: scope.tenantId, instanceId: scope.instanceId, status: "pending" },
    data: { status: "cancelled", nextAttemptAt: null, ...lastErrorColumns(reason), completedAt: now },
  }),
];
