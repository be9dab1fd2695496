import type { Db, DbTransaction } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { writeTransaction } from "../db/write-transaction";
import { HOT_ROW_RESOLUTION_MS } from "../events/enqueue-event";
import { newId } from "../ids/new-id";
import { MAX_ATTEMPTS, nextAttemptDelayMs } from "./retry-schedule";
import { type AttemptFailure, attemptFailure, encodeErrorDetails } from "./attempt-error";
import type { AttemptResult } from "./send-webhook";

/** The client, or the transaction every write of a batch of outcomes runs in. */
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

/**
 * One multi-row INSERT for the attempt log. Prisma's createMany re-plans its query on
 * every call (about 15 ms, more than the insert itself); a parameterised raw statement
 * is the same SQL on SQLite and PostgreSQL and costs a fraction of that.
 */
const insertAttempts = (tx: Writer, attempts: CompletedAttempt[]) =>
  tx.$executeRaw`INSERT INTO "DeliveryAttempt" ("id", "deliveryId", "number", "reason", "startedAt", "durationMs", "statusCode", "outcome", "responseBody", "error", "errorCode", "errorDetails") VALUES ${Prisma.join(
    attempts.map(
      ({ deliveryId, number, result }) =>
        Prisma.sql`(${newId("att")}, ${deliveryId}, ${number}, ${"scheduled"}, ${result.startedAt}, ${result.durationMs}, ${result.statusCode}, ${result.outcome}, ${result.responseBody}, ${result.error}, ${result.errorCode}, ${encodeErrorDetails(result.errorDetails)})`,
    ),
  )}`;

type RegistrationKey = { id: string; tenantId: string; instanceId: string };

/** Which attempts were recorded, and which were dropped because their worker no longer held the lease. */
export type RecordedAttempts = { recorded: CompletedAttempt[]; lost: CompletedAttempt[] };

const leaseKey = (deliveryId: string, leaseToken: string) => `${leaseToken} ${deliveryId}`;

/**
 * Moves each delivery to its new state, but only where this worker still holds the lease
 * (a delivery whose lease expired may have been claimed by another worker, which now owns
 * its outcome). Returns the deliveries that were updated: only their attempts count. The
 * update is also what locks the row (PostgreSQL) until the transaction commits, so the
 * lease cannot be taken over between this check and the attempt rows written after it.
 */
const settleDeliveries = async (tx: Writer, attempts: CompletedAttempt[], verdicts: DeliveryVerdict[], now: Date) => {
  const held = new Set<string>();
  // Successes share one update per claim batch and status code; failures each carry their own schedule.
  const succeededGroups = new Map<string, { leaseToken: string; statusCode: number | null; ids: string[] }>();
  const others: Array<{ attempt: CompletedAttempt; verdict: Exclude<DeliveryVerdict, { kind: "succeeded" }> }> = [];
  attempts.forEach((attempt, index) => {
    const verdict = verdicts[index]!;
    if (verdict.kind !== "succeeded") return void others.push({ attempt, verdict });
    const key = `${attempt.leaseToken} ${attempt.result.statusCode}`;
    const group = succeededGroups.get(key) ?? { leaseToken: attempt.leaseToken, statusCode: attempt.result.statusCode, ids: [] };
    group.ids.push(attempt.deliveryId);
    succeededGroups.set(key, group);
  });
  // Raw throughout: the hot path of a busy worker, and Prisma plans each updateMany anew.
  for (const { leaseToken, statusCode, ids } of succeededGroups.values()) {
    const updated = await tx.$queryRaw<Array<{ id: string }>>`UPDATE "Delivery" SET "status" = 'succeeded', "attemptCount" = "attemptCount" + 1,
        "lastStatusCode" = ${statusCode}, "lastError" = NULL, "lastErrorCode" = NULL, "lastErrorDetails" = NULL, "nextAttemptAt" = NULL,
        "completedAt" = ${now}, "leaseToken" = NULL, "leaseUntil" = NULL
      WHERE "leaseToken" = ${leaseToken} AND "id" IN (${Prisma.join(ids)})
      RETURNING "id"`;
    for (const { id } of updated) held.add(leaseKey(id, leaseToken));
  }
  for (const { attempt, verdict } of others) {
    const retry = verdict.kind === "retry";
    const { lastError, lastErrorCode, lastErrorDetails } = lastErrorColumns(verdict.error);
    const updated = await tx.$queryRaw<Array<{ id: string }>>`UPDATE "Delivery" SET "status" = ${retry ? "pending" : "failed"},
        "attemptCount" = "attemptCount" + 1, "lastStatusCode" = ${attempt.result.statusCode},
        "lastError" = ${lastError}, "lastErrorCode" = ${lastErrorCode}, "lastErrorDetails" = ${lastErrorDetails},
        "nextAttemptAt" = ${retry ? verdict.nextAttemptAt : null}, "completedAt" = ${retry ? null : now},
        "leaseToken" = NULL, "leaseUntil" = NULL
      WHERE "id" = ${attempt.deliveryId} AND "leaseToken" = ${attempt.leaseToken}
      RETURNING "id"`;
    for (const { id } of updated) held.add(leaseKey(id, attempt.leaseToken));
  }
  return held;
};

/**
 * Writes a batch of attempts and everything they change in ONE transaction: their
 * deliveries, the attempt rows and the registrations' health. Every one of these writes
 * happens only for deliveries whose lease this worker still holds: the outcome of an
 * attempt whose lease was taken over (it expired while the request was in flight) is
 * dropped, so a delivery never gets two outcomes for one attempt number, and the worker
 * that now holds it records its own without a conflict. Batching is what makes thousands
 * of durably logged deliveries per second possible on SQLite.
 */
export const recordAttempts = async (
  db: Db,
  attempts: CompletedAttempt[],
  options: { now?: Date; random?: () => number } = {},
): Promise<RecordedAttempts> => {
  if (attempts.length === 0) return { recorded: [], lost: [] };
  const now = options.now ?? new Date();
  const random = options.random ?? Math.random;
  const verdicts = attempts.map((attempt) => verdictFor(attempt, random));

  // Built inside the transaction: PostgreSQL may rerun it after a deadlock or serialization failure.
  const held = await writeTransaction(db, async (tx) => {
    const held = await settleDeliveries(tx, attempts, verdicts, now);
    const won = attempts.flatMap((attempt, index) =>
      held.has(leaseKey(attempt.deliveryId, attempt.leaseToken)) ? [{ attempt, verdict: verdicts[index]! }] : [],
    );
    if (won.length === 0) return held;
    await insertAttempts(tx, won.map(({ attempt }) => attempt));
    for (const update of registrationHealthUpdates(tx, won, now)) await update;
    return held;
  });

  const recorded: CompletedAttempt[] = [];
  const lost: CompletedAttempt[] = [];
  for (const attempt of attempts) (held.has(leaseKey(attempt.deliveryId, attempt.leaseToken)) ? recorded : lost).push(attempt);
  return { recorded, lost };
};

type Health = RegistrationKey & { outcomes: Array<{ succeeded: boolean; at: Date; gone: AttemptFailure | null }> };

type Outcome = { attempt: CompletedAttempt; verdict: DeliveryVerdict };

const registrationHealthUpdates = (db: Writer, outcomes: Outcome[], now: Date) => {
  const byRegistration = new Map<string, Health>();
  // Outcomes in the order the answers arrived, so "the last one wins" holds inside a batch.
  const order = [...outcomes].sort((a, b) => a.attempt.result.startedAt.getTime() + a.attempt.result.durationMs - (b.attempt.result.startedAt.getTime() + b.attempt.result.durationMs));
  for (const { attempt, verdict } of order) {
    const health = byRegistration.get(attempt.registrationId) ?? {
      id: attempt.registrationId,
      tenantId: attempt.tenantId,
      instanceId: attempt.instanceId,
      outcomes: [],
    };
    health.outcomes.push({
      succeeded: verdict.kind === "succeeded",
      at: new Date(attempt.result.startedAt.getTime() + attempt.result.durationMs),
      gone: verdict.kind === "gone" ? verdict.error : null,
    });
    byRegistration.set(attempt.registrationId, health);
  }

  const operations: Array<ReturnType<Db["triggerRegistration"]["updateMany"]> | ReturnType<Db["$executeRaw"]>> = [];
  const recovered: Health[] = [];
  for (const health of byRegistration.values()) {
    const last = health.outcomes.at(-1)!;
    if (last.succeeded) {
      recovered.push(health);
      continue;
    }
    operations.push(...failureUpdates(db, health, now));
  }
  // One statement per instance for every healthy registration; lastDeliveryAt is the batch's time.
  const recoveredByScope = new Map<string, { tenantId: string; instanceId: string; ids: string[] }>();
  for (const { id, tenantId, instanceId } of recovered) {
    const key = `${tenantId} ${instanceId}`;
    const group = recoveredByScope.get(key) ?? { tenantId, instanceId, ids: [] };
    group.ids.push(id);
    recoveredByScope.set(key, group);
  }
  for (const { tenantId, instanceId, ids } of recoveredByScope.values()) {
    // One statement: a failing registration that got through is active again. A healthy one
    // is only rewritten once a second (lastDeliveryAt's resolution): it is a hot row. The CASEs
    // read the row's old status, so both columns see the same "was failing".
    operations.push(
      db.$executeRaw`UPDATE "TriggerRegistration" SET "consecutiveFailures" = 0, "lastDeliveryAt" = ${now}, "updatedAt" = ${now},
        "failingSince" = CASE WHEN "status" = 'failing' THEN NULL ELSE "failingSince" END,
        "status" = CASE WHEN "status" = 'failing' THEN 'active' ELSE "status" END
        WHERE "tenantId" = ${tenantId} AND "instanceId" = ${instanceId} AND "id" IN (${Prisma.join(ids)})
          AND ("lastDeliveryAt" IS NULL OR "lastDeliveryAt" < ${new Date(now.getTime() - HOT_ROW_RESOLUTION_MS)}
            OR "consecutiveFailures" <> 0 OR "status" = 'failing')`,
    );
  }
  return operations;
};

const failureUpdates = (db: Writer, health: Health, now: Date) => {
  const scope = { id: health.id, tenantId: health.tenantId, instanceId: health.instanceId };
  const lastSuccess = health.outcomes.findLastIndex((outcome) => outcome.succeeded);
  const failures = health.outcomes.slice(lastSuccess + 1);
  const firstFailureAt = failures[0]!.at;
  const gone = failures.find((outcome) => outcome.gone);
  const operations = [
    db.triggerRegistration.updateMany({
      where: scope,
      data: {
        consecutiveFailures: lastSuccess >= 0 ? failures.length : { increment: failures.length },
        lastDeliveryAt: now,
      },
    }),
  ];
  if (lastSuccess >= 0) {
    // A success earlier in this batch restarted the failure clock.
    operations.push(db.triggerRegistration.updateMany({ where: { ...scope, status: "failing" }, data: { failingSince: firstFailureAt } }));
  }
  operations.push(
    db.triggerRegistration.updateMany({
      where: { ...scope, status: "active" },
      data: { status: "failing", failingSince: firstFailureAt },
    }),
    db.triggerRegistration.updateMany({
      where: { ...scope, status: "failing", failingSince: { lte: new Date(now.getTime() - DISABLE_AFTER_MS) } },
      data: { status: "disabled" },
    }),
  );
  if (gone) operations.push(...markGone(db, scope, gone.gone!, now));
  return operations;
};

/** The registration stops receiving events and its waiting deliveries are cancelled. */
export const markGone = (db: Writer, scope: RegistrationKey, reason: AttemptFailure, now: Date) => [
  db.triggerRegistration.updateMany({ where: scope, data: { status: "gone" } }),
  db.delivery.updateMany({
    where: { registrationId: scope.id, tenantId: scope.tenantId, instanceId: scope.instanceId, status: "pending" },
    data: { status: "cancelled", nextAttemptAt: null, ...lastErrorColumns(reason), completedAt: now },
  }),
];
