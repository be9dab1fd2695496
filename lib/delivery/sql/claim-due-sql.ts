import type { Db } from "../../db/client";
import { directDialectOf, writeDirectScript, writeDirectStatement } from "../../db/write-transaction";

/** A claimed row as both providers return it (SQLite gives ISO text for DateTime columns). */
export type ClaimedRow = {
  id: string;
  tenantId: string;
  instanceId: string;
  registrationId: string;
  attemptCount: number;
  payload: string;
  eventCreatedAt: Date | string;
  callbackUrl: string;
  origin: string;
  secretCiphertext: string;
  /** webhook | powerAutomate | teams: how the receiver expects the event. */
  destinationType: string;
};

// Parameters of every statement below: $1 now, $2 the batch size, $3 the lease token, $4 the lease's end.

// Only these registrations are sent to. Deliveries of paused (or disabled) registrations
// stay pending, untouched, and go out once the registration is active again.
const sending = `EXISTS (SELECT 1 FROM "TriggerRegistration" r WHERE r."status" IN ('active', 'failing') AND r."id" = d."registrationId")`;

/**
 * Due rows in two index-friendly halves (status, nextAttemptAt): expired leases of workers
 * that died mid-attempt, then pending rows oldest first. One OR over both would make the
 * database read every due row to sort them, which under a backlog of 50,000 costs more
 * than the claim itself.
 */
const candidates = (lock: string) => `
  SELECT "id" FROM (
    SELECT d."id" FROM "Delivery" d
    WHERE d."status" = 'delivering' AND d."leaseUntil" < $1 AND ${sending}
    LIMIT $2 ${lock}
  ) AS expired
  UNION ALL
  SELECT "id" FROM (
    SELECT d."id" FROM "Delivery" d
    WHERE d."status" = 'pending' AND d."nextAttemptAt" <= $1 AND ${sending}
    ORDER BY d."nextAttemptAt"
    LIMIT $2 ${lock}
  ) AS pending
  LIMIT $2`;

const stillDue = `(("status" = 'pending' AND "nextAttemptAt" <= $1) OR ("status" = 'delivering' AND "leaseUntil" < $1))`;

// A registration sends to its destination's endpoint with its secret when it has one, else to its
// own (a Power Automate subscription's): one primary-key join more, LEFT since most have one.
const claimedColumns = `
  c."id", c."tenantId", c."instanceId", c."registrationId", c."attemptCount",
  e."payload", e."createdAt" AS "eventCreatedAt",
  COALESCE(dst."endpoint", r."callbackUrl") AS "callbackUrl", r."origin",
  COALESCE(dst."secretCiphertext", r."secretCiphertext") AS "secretCiphertext",
  COALESCE(dst."type", r."destinationType") AS "destinationType"`;

const registrationJoins = `
  JOIN "TriggerRegistration" r ON r."id" = c."registrationId"
  LEFT JOIN "Destination" dst ON dst."id" = r."destinationId"`;

/**
 * PostgreSQL: ONE statement, a single round trip. SKIP LOCKED lets concurrent workers take
 * disjoint rows, and the UPDATE re-checks "still due" under the row lock.
 */
const claimOnPostgresql = `
  WITH due AS (${candidates("FOR UPDATE SKIP LOCKED")}),
  claimed AS (
    UPDATE "Delivery" SET "status" = 'delivering', "leaseToken" = $3, "leaseUntil" = $4
    WHERE "id" IN (SELECT "id" FROM due) AND ${stillDue}
    RETURNING "id", "tenantId", "instanceId", "registrationId", "eventId", "attemptCount"
  )
  SELECT ${claimedColumns}
  FROM claimed c
  JOIN "Event" e ON e."id" = c."eventId"${registrationJoins}`;

/** SQLite: writers are serialised, so the UPDATE … WHERE id IN (SELECT …) is atomic by itself. */
const leaseOnSqlite = `
  UPDATE "Delivery" SET "status" = 'delivering', "leaseToken" = $3, "leaseUntil" = $4
  WHERE "id" IN (${candidates("")})`;

// SQLite's RETURNING cannot join: the claimed rows are read back by their lease token, in the
// same transaction (the claim and its read-back are one BEGIN IMMEDIATE … COMMIT, sent to the
// writer thread in one go).
const readBackOnSqlite = `
  SELECT ${claimedColumns}
  FROM "Delivery" c
  JOIN "Event" e ON e."id" = c."eventId"${registrationJoins}
  WHERE c."leaseToken" = $1`;

/**
 * Leases up to `limit` due deliveries with `leaseToken` and returns them with what sending
 * needs. Direct statements (lib/db/direct-sql.ts): the worker claims many times a second.
 */
export const claimDueRows = async (
  db: Db,
  { now, limit, leaseToken, leaseUntil }: { now: Date; limit: number; leaseToken: string; leaseUntil: Date },
): Promise<ClaimedRow[]> => {
  const params = [now, limit, leaseToken, leaseUntil];
  if (directDialectOf(db) === "postgresql") return writeDirectStatement<ClaimedRow>(db, claimOnPostgresql, params);
  const [, claimed] = await writeDirectScript(db, [
    { sql: leaseOnSqlite, params },
    { sql: readBackOnSqlite, params: [leaseToken] },
  ]);
  return claimed as ClaimedRow[];
};
