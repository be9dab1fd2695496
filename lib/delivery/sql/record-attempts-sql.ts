import type { DatabaseProvider } from "../../db/provider";
import { type JsonColumn, jsonRecordSet, jsonTextList } from "./dialect";

/**
 * One attempt's outcome as the statements below take it (one JSON parameter per batch):
 * the delivery's new state, guarded by the lease the attempt was made under, and the row of
 * the attempt log. Timestamps are timestampText.
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

// Only where the lease is still this attempt's: an outcome whose lease was taken over changes nothing.
const settle = (x: string) => `
  UPDATE "Delivery" AS d SET "status" = x."status", "attemptCount" = d."attemptCount" + 1, "lastStatusCode" = x."statusCode",
    "lastError" = x."lastError", "lastErrorCode" = x."lastErrorCode", "lastErrorDetails" = x."lastErrorDetails",
    "nextAttemptAt" = x."nextAttemptAt", "completedAt" = x."completedAt", "leaseToken" = NULL, "leaseUntil" = NULL
  FROM ${x} AS x
  WHERE d."id" = x."deliveryId" AND d."leaseToken" = x."leaseToken"
  RETURNING "id"`;

const insertAttempts = (x: string) => `
  INSERT INTO "DeliveryAttempt" ("id", "deliveryId", "number", "reason", "startedAt", "durationMs", "statusCode", "outcome", "responseBody", "error", "errorCode", "errorDetails")
  SELECT x."attemptId", x."deliveryId", x."number", 'scheduled', x."startedAt", x."durationMs", x."statusCode", x."outcome", x."responseBody", x."error", x."errorCode", x."errorDetails"
  FROM ${x} AS x`;

// A failing registration that got through is active again; a healthy one is only rewritten once a
// second (lastDeliveryAt's resolution), it is a hot row. The CASEs read the row's old status, so both
// columns see the same "was failing". $2 now, $3 the resolution's cut-off. (Only the registration
// has these column names, so they need no table name in the UPDATE … FROM below either.)
const recoverSet = `"consecutiveFailures" = 0, "lastDeliveryAt" = $2, "updatedAt" = $2,
    "failingSince" = CASE WHEN "status" = 'failing' THEN NULL ELSE "failingSince" END,
    "status" = CASE WHEN "status" = 'failing' THEN 'active' ELSE "status" END`;
const recoverGuard = `("lastDeliveryAt" IS NULL OR "lastDeliveryAt" < $3 OR "consecutiveFailures" <> 0 OR "status" = 'failing')`;

const statements = (dialect: DatabaseProvider) => {
  const outcomes = jsonRecordSet(dialect, 1, outcomeColumns);
  // The outcomes whose lease is still held, read before they are settled (settling clears it).
  const held = `(SELECT x.* FROM ${outcomes} AS x JOIN "Delivery" AS d ON d."id" = x."deliveryId" AND d."leaseToken" = x."leaseToken")`;
  return {
    /** $1 outcomes → the ids of the deliveries whose lease was held. */
    settle: settle(outcomes),
    /** $1 outcomes (of held leases only) → their attempt-log rows. */
    insertAttempts: insertAttempts(outcomes),
    /** $1 registration ids, $2 now, $3 cut-off, $4 tenant, $5 instance. */
    recover: `UPDATE "TriggerRegistration" SET ${recoverSet}
      WHERE "id" IN ${jsonTextList(dialect, 1)} AND "tenantId" = $4 AND "instanceId" = $5 AND ${recoverGuard}`,
    /**
     * PostgreSQL, a batch of successes: settle, log and recover in ONE statement (one round trip,
     * atomic by itself). $1 outcomes, $2 now, $3 cut-off.
     */
    allSucceeded: `
      WITH x AS MATERIALIZED ${outcomes},
      settled AS (${settle("x")}),
      logged AS (${insertAttempts("(SELECT x.* FROM x JOIN settled ON settled.\"id\" = x.\"deliveryId\")")}),
      recovered AS (
        UPDATE "TriggerRegistration" AS r SET ${recoverSet}
        FROM (SELECT DISTINCT x."registrationId", x."tenantId", x."instanceId" FROM x JOIN settled ON settled."id" = x."deliveryId") AS h
        WHERE r."id" = h."registrationId" AND r."tenantId" = h."tenantId" AND r."instanceId" = h."instanceId" AND ${recoverGuard}
      )
      SELECT "id" FROM settled`,
    /**
     * SQLite, a batch of successes: the same as three statements with nothing to compute in
     * between, so the writer thread runs them in one go. Their order matters: the registrations
     * and the attempt rows are written for the outcomes whose lease is held, THEN the deliveries
     * are settled (which clears the leases). Safe on SQLite only: its writers are serialised, so
     * no lease can change between these statements of one transaction. (On PostgreSQL another
     * worker could take a lease over meanwhile: there the settled rows decide, as above.)
     * $1 outcomes, $2 now, $3 cut-off.
     */
    allSucceededSteps: [
      `UPDATE "TriggerRegistration" SET ${recoverSet}
        WHERE ("id", "tenantId", "instanceId") IN (SELECT h."registrationId", h."tenantId", h."instanceId" FROM ${held} AS h) AND ${recoverGuard}`,
      insertAttempts(held),
      settle(outcomes),
    ],
  };
};

// The health of one registration that failed ($1 id, $2 tenant, $3 instance): rare, one statement each.
const registration = `"id" = $1 AND "tenantId" = $2 AND "instanceId" = $3`;
const failureStatements = {
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

const byDialect = {
  sqlite: { ...statements("sqlite"), ...failureStatements },
  postgresql: { ...statements("postgresql"), ...failureStatements },
};

/** The statements that log a batch of attempts, in the given dialect. */
export const recordAttemptsSql = (dialect: DatabaseProvider) => byDialect[dialect];
