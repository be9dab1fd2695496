import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/sqlite/client";
import { dialectOf } from "./dialect";

/** A claimed row as both providers return it (SQLite gives ISO text for DateTime columns). */
export type ClaimedRow = {
  id: string;
  tenantId: string;
  instanceId: string;
  registrationId: string;
  attemptCount: number | bigint;
  payload: string;
  eventCreatedAt: Date | string;
  callbackUrl: string;
  origin: string;
  secretCiphertext: string;
};

// Only these registrations are sent to. Deliveries of paused (or disabled) registrations
// stay pending, untouched, and go out once the registration is active again.
const sending = Prisma.sql`r."status" IN ('active', 'failing') AND r."id" = d."registrationId"`;

/**
 * Due rows in two index-friendly halves (status, nextAttemptAt): expired leases of workers
 * that died mid-attempt, then pending rows oldest first. One OR over both would make the
 * database read every due row to sort them, which under a backlog of 50,000 costs more
 * than the claim itself.
 */
const candidates = (now: Date, limit: number, lock: Prisma.Sql) => Prisma.sql`
  SELECT "id" FROM (
    SELECT d."id" FROM "Delivery" d
    WHERE d."status" = 'delivering' AND d."leaseUntil" < ${now}
      AND EXISTS (SELECT 1 FROM "TriggerRegistration" r WHERE ${sending})
    LIMIT ${limit} ${lock}
  ) AS expired
  UNION ALL
  SELECT "id" FROM (
    SELECT d."id" FROM "Delivery" d
    WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${now}
      AND EXISTS (SELECT 1 FROM "TriggerRegistration" r WHERE ${sending})
    ORDER BY d."nextAttemptAt"
    LIMIT ${limit} ${lock}
  ) AS pending
  LIMIT ${limit}`;

const stillDue = (now: Date) =>
  Prisma.sql`(("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'delivering' AND "leaseUntil" < ${now}))`;

const claimedColumns = Prisma.sql`
  c."id", c."tenantId", c."instanceId", c."registrationId", c."attemptCount",
  e."payload", e."createdAt" AS "eventCreatedAt",
  r."callbackUrl", r."origin", r."secretCiphertext"`;

/**
 * Leases up to `limit` due deliveries with `leaseToken` and returns them with what sending
 * needs. PostgreSQL: one statement; SKIP LOCKED lets concurrent workers take disjoint rows
 * and the UPDATE re-checks "still due" under the row lock. SQLite: writers are serialised,
 * so the UPDATE … WHERE id IN (SELECT …) is atomic by itself; the read-back by lease token
 * follows (SQLite's RETURNING cannot join).
 */
export const claimDueRows = async (
  db: Db,
  { now, limit, leaseToken, leaseUntil }: { now: Date; limit: number; leaseToken: string; leaseUntil: Date },
): Promise<ClaimedRow[]> => {
  if (dialectOf(db) === "postgresql") {
    return db.$queryRaw<ClaimedRow[]>`
      WITH due AS (${candidates(now, limit, Prisma.sql`FOR UPDATE SKIP LOCKED`)}),
      claimed AS (
        UPDATE "Delivery" SET "status" = 'delivering', "leaseToken" = ${leaseToken}, "leaseUntil" = ${leaseUntil}
        WHERE "id" IN (SELECT "id" FROM due) AND ${stillDue(now)}
        RETURNING "id", "tenantId", "instanceId", "registrationId", "eventId", "attemptCount"
      )
      SELECT ${claimedColumns}
      FROM claimed c
      JOIN "Event" e ON e."id" = c."eventId"
      JOIN "TriggerRegistration" r ON r."id" = c."registrationId"`;
  }
  const count = await db.$executeRaw`
    UPDATE "Delivery" SET "status" = 'delivering', "leaseToken" = ${leaseToken}, "leaseUntil" = ${leaseUntil}
    WHERE "id" IN (${candidates(now, limit, Prisma.empty)})`;
  if (count === 0) return [];
  return db.$queryRaw<ClaimedRow[]>`
    SELECT ${claimedColumns}
    FROM "Delivery" c
    JOIN "Event" e ON e."id" = c."eventId"
    JOIN "TriggerRegistration" r ON r."id" = c."registrationId"
    WHERE c."leaseToken" = ${leaseToken}`;
};
