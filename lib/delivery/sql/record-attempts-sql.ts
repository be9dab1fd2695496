import type { DirectStep } from "../../db/direct-sql";
import type { DatabaseProvider } from "../../db/provider";
import { type JsonColumn, jsonRecordSet, jsonTextList } from "../../db/dialect";

/**
 * One attempt's outcome as the statements below take it: the delivery's new state, guarded by
 * the lease the attempt was made under, and the row of the attempt log. Timestamps are
 * timestampText.
 */
export type OutcomeRecord = {
  deliveryId: string;
  leaseToken: string;
  registrationId: string;
  tenantId: string;
  instanceId: string;
  status: "succeeded" | "pending" | "failed";
  statusCode: number | null;
  /** Why the delivery last failed (the verdict: "gave up", "gone"…), or null. */
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorDetails: string | null;
  nextAttemptAt: string | null;
  completedAt: string | null;
  attemptId: string;
  number: number;
  startedAt: string;
  durationMs: number;
  outcome: "succeeded" | "failed";
  responseBody: string | null;
  /** Why this attempt failed, or null. */
  error: string | null;
  errorCode: string | null;
  errorDetails: string | null;
};

const attemptColumns = `"id", "deliveryId", "number", "reason", "startedAt", "durationMs", "statusCode", "outcome", "responseBody", "error", "errorCode", "errorDetails"`;

// A failing registration that got through is active again; a healthy one is only rewritten once a
// second (lastDeliveryAt's resolution), it is a hot row. The CASEs read the row's old status, so both
// columns see the same "was failing". $2 now, $3 the resolution's cut-off. (Only the registration
// has these column names, so they need no table name in an UPDATE … FROM either.)
const recoverSet = `"consecutiveFailures" = 0, "lastDeliveryAt" = $2, "updatedAt" = $2,
    "failingSince" = CASE WHEN "status" = 'failing' THEN NULL ELSE "failingSince" END,
    "status" = CASE WHEN "status" = 'failing' THEN 'active' ELSE "status" END`;
const recoverGuard = `("lastDeliveryAt" IS NULL OR "lastDeliveryAt" < $3 OR "consecutiveFailures" <> 0 OR "status" = 'failing')`;

// ---- PostgreSQL: a batch is ONE JSON parameter, so each statement is one round trip ----------

const outcomeColumns: readonly JsonColumn[] = [
  ["deliveryId", "text"],
  ["leaseToken", "text"],
  ["registrationId", "text"],
  ["tenantId", "text"],
  ["instanceId", "text"],
  ["status", "text"],
  ["statusCode", "int"],
  ["lastError", "text"],
  ["lastErrorCode", "text"],
  ["lastErrorDetails", "text"],
  ["nextAttemptAt", "timestamp(3)"],
  ["completedAt", "timestamp(3)"],
  ["attemptId", "text"],
  ["number", "int"],
  ["startedAt", "timestamp(3)"],
  ["durationMs", "int"],
  ["outcome", "text"],
  ["responseBody", "text"],
  ["error", "text"],
  ["errorCode", "text"],
  ["errorDetails", "text"],
] satisfies ReadonlyArray<readonly [keyof OutcomeRecord, JsonColumn[1]]>;

// Only where the lease is still this attempt's: an outcome whose lease was taken over changes
// nothing. The update locks the row until commit, so the lease cannot move before the log is written.
const pgSettle = `
  UPDATE "Delivery" AS d SET "status" = x."status", "attemptCount" = d."attemptCount" + 1, "lastStatusCode" = x."statusCode",
    "lastError" = x."lastError", "lastErrorCode" = x."lastErrorCode", "lastErrorDetails" = x."lastErrorDetails",
    "nextAttemptAt" = x."nextAttemptAt", "completedAt" = x."completedAt", "leaseToken" = NULL, "leaseUntil" = NULL
  FROM x
  WHERE d."id" = x."deliveryId" AND d."leaseToken" = x."leaseToken"
  RETURNING d."id", x."leaseToken"`;

const pgLog = `
  INSERT INTO "DeliveryAttempt" (${attemptColumns})
  SELECT x."attemptId", x."deliveryId", x."number", 'scheduled', x."startedAt", x."durationMs", x."statusCode", x."outcome",
    x."responseBody", x."error", x."errorCode", x."errorDetails"
  FROM x JOIN settled ON settled."id" = x."deliveryId" AND settled."leaseToken" = x."leaseToken"`;

const pgOutcomes = `x AS MATERIALIZED ${jsonRecordSet("postgresql", 1, outcomeColumns)}`;

/** $1 outcomes → the deliveries whose lease was held ("id", "leaseToken"), their attempts logged. */
const pgSettleAndLog = `
  WITH ${pgOutcomes},
  settled AS (${pgSettle}),
  logged AS (${pgLog})
  SELECT "id", "leaseToken" FROM settled`;

/** The same, and the registrations of a batch of successes recovered: $1 outcomes, $2 now, $3 cut-off. */
const pgAllSucceeded = `
  WITH ${pgOutcomes},
  settled AS (${pgSettle}),
  logged AS (${pgLog}),
  recovered AS (
    UPDATE "TriggerRegistration" AS r SET ${recoverSet}
    FROM (SELECT DISTINCT x."registrationId", x."tenantId", x."instanceId" FROM x JOIN settled ON settled."id" = x."deliveryId" AND settled."leaseToken" = x."leaseToken") AS h
    WHERE r."id" = h."registrationId" AND r."tenantId" = h."tenantId" AND r."instanceId" = h."instanceId" AND ${recoverGuard}
  )
  SELECT "id", "leaseToken" FROM settled`;

// ---- SQLite: prepared single-row statements, repeated on the writer thread -----------------
// (Extracting columns from a JSON parameter costs SQLite a parse per column and row: more than
// the writes themselves.) Writers are serialised on SQLite, so no lease can change between the
// statements of one transaction: the attempt rows and the registrations are written for the
// outcomes whose lease is held, THEN the deliveries are settled (which clears the leases).

const held = (deliveryId: string, leaseToken: string) =>
  `EXISTS (SELECT 1 FROM "Delivery" WHERE "id" = ${deliveryId} AND "leaseToken" = ${leaseToken})`;

const sqliteLogHeld = `
  INSERT INTO "DeliveryAttempt" (${attemptColumns})
  SELECT $1, $2, $3, 'scheduled', $4, $5, $6, $7, $8, $9, $10, $11
  WHERE ${held("$2", "$12")}`;
const sqliteLogRow = (r: OutcomeRecord) => [
  r.attemptId, r.deliveryId, r.number, r.startedAt, r.durationMs, r.statusCode, r.outcome, r.responseBody, r.error, r.errorCode, r.errorDetails, r.leaseToken,
];

/** Per outcome of a batch of successes: $1 registration, $2 now, $3 cut-off, $4 tenant, $5 instance, $6 delivery, $7 lease. */
const sqliteRecoverHeld = `
  UPDATE "TriggerRegistration" SET ${recoverSet}
  WHERE "id" = $1 AND "tenantId" = $4 AND "instanceId" = $5 AND ${recoverGuard} AND ${held("$6", "$7")}`;

const sqliteSettle = `
  UPDATE "Delivery" SET "status" = $3, "attemptCount" = "attemptCount" + 1, "lastStatusCode" = $4,
    "lastError" = $5, "lastErrorCode" = $6, "lastErrorDetails" = $7, "nextAttemptAt" = $8, "completedAt" = $9,
    "leaseToken" = NULL, "leaseUntil" = NULL
  WHERE "id" = $1 AND "leaseToken" = $2
  RETURNING "id", $2 AS "leaseToken"`;
const sqliteSettleRow = (r: OutcomeRecord) => [
  r.deliveryId, r.leaseToken, r.status, r.statusCode, r.lastError, r.lastErrorCode, r.lastErrorDetails, r.nextAttemptAt, r.completedAt,
];

// ---- what recordAttempts runs -------------------------------------------------------------

/**
 * Settles the deliveries whose lease is held and logs their attempts, in one transaction sent
 * in one go: the LAST step's rows are the deliveries whose lease was held ("id", "leaseToken").
 */
export const settleAndLogSteps = (dialect: DatabaseProvider, records: OutcomeRecord[]): DirectStep[] =>
  dialect === "postgresql"
    ? [{ sql: pgSettleAndLog, params: [JSON.stringify(records)] }]
    : [
        { sql: sqliteLogHeld, each: records.map(sqliteLogRow) },
        { sql: sqliteSettle, each: records.map(sqliteSettleRow) },
      ];

/** The same for a batch of successes, the registrations' health included (nothing to work out in between). */
export const allSucceededSteps = (dialect: DatabaseProvider, records: OutcomeRecord[], now: Date, cutOff: Date): DirectStep[] =>
  dialect === "postgresql"
    ? [{ sql: pgAllSucceeded, params: [JSON.stringify(records), now, cutOff] }]
    : [
        {
          sql: sqliteRecoverHeld,
          each: records.map((r) => [r.registrationId, now, cutOff, r.tenantId, r.instanceId, r.deliveryId, r.leaseToken]),
        },
        ...settleAndLogSteps(dialect, records),
      ];

/** Registrations whose last outcome in the batch was a success: $1 ids, $2 now, $3 cut-off, $4 tenant, $5 instance. */
export const recoverSql = (dialect: DatabaseProvider) => `UPDATE "TriggerRegistration" SET ${recoverSet}
  WHERE "id" IN ${jsonTextList(dialect, 1)} AND "tenantId" = $4 AND "instanceId" = $5 AND ${recoverGuard}`;

// The health of one registration that failed ($1 id, $2 tenant, $3 instance): rare, one statement each.
const registration = `"id" = $1 AND "tenantId" = $2 AND "instanceId" = $3`;
export const failureSql = {
  /** $4 failures since the batch's last success, $5 now. */
  countFailures: `UPDATE "TriggerRegistration" SET "consecutiveFailures" = $4, "lastDeliveryAt" = $5, "updatedAt" = $5 WHERE ${registration}`,
  /** $4 failures in the batch (no success among them), $5 now. */
  addFailures: `UPDATE "TriggerRegistration" SET "consecutiveFailures" = "consecutiveFailures" + $4, "lastDeliveryAt" = $5, "updatedAt" = $5
    WHERE ${registration}`,
  /** $4 the first failure after the batch's last success, $5 now. */
  restartFailingClock: `UPDATE "TriggerRegistration" SET "failingSince" = $4, "updatedAt" = $5 WHERE ${registration} AND "status" = 'failing'`,
  /** $4 the first failure, $5 now. */
  startFailing: `UPDATE "TriggerRegistration" SET "status" = 'failing', "failingSince" = $4, "updatedAt" = $5
    WHERE ${registration} AND "status" = 'active'`,
  /** $4 the cut-off (now − DISABLE_AFTER_MS), $5 now. */
  disable: `UPDATE "TriggerRegistration" SET "status" = 'disabled', "updatedAt" = $5
    WHERE ${registration} AND "status" = 'failing' AND "failingSince" <= $4`,
  /** $4 now. The registration receives no more events... */
  markGone: `UPDATE "TriggerRegistration" SET "status" = 'gone', "updatedAt" = $4 WHERE ${registration}`,
  /** ...and its waiting deliveries are cancelled: $4 lastError, $5 lastErrorCode, $6 lastErrorDetails, $7 now. */
  cancelWaiting: `UPDATE "Delivery" SET "status" = 'cancelled', "nextAttemptAt" = NULL,
      "lastError" = $4, "lastErrorCode" = $5, "lastErrorDetails" = $6, "completedAt" = $7
    WHERE "registrationId" = $1 AND "tenantId" = $2 AND "instanceId" = $3 AND "status" = 'pending'`,
};
