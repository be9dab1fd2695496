import type { Db } from "../db/client";
import { writeDirectStatement } from "../db/write-transaction";
import type { RateLimitPolicy } from "./connection-rate-limit";

export type RateLimitDecision = {
  allowed: boolean;
  /** Calls counted in the current window, this one included; counting stops at limit + 1. */
  count: number;
  /** Whole seconds until the window ends, in [1, windowSeconds]: the Retry-After of a refusal. */
  retryAfterSeconds: number;
  windowStart: Date;
};

// One statement, atomic on both databases: whichever process counts first creates the window's row,
// every other call (in any process) adds one to it and reads the total back. Counting stops at the
// first refused call (limit + 1): the calls refused after it change no row and return none, so a
// connection hammering the API past its limit makes the database write nothing.
const COUNT_CALL = `INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES ($1, $2, 1)
ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
WHERE "RateLimitWindow"."count" <= $3
RETURNING "count"`;

const SWEEP_ENDED_WINDOWS = `DELETE FROM "RateLimitWindow" WHERE "windowStart" < $1`;

/** The start of the fixed window `now` falls in: windows are aligned to the epoch. */
export const windowStartOf = (now: Date, windowSeconds: number): Date => {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
};

/**
 * Counts one call of `key` in the fixed window `now` falls in and says whether it is within the
 * policy. Fixed windows (not sliding): the connector's limit is stated as calls per renewal period,
 * and a fixed window is one row per key and one upsert per call.
 *
 * Ended windows are swept by whichever call opens a new window of its key (its count comes back 1):
 * the table holds about one row per key active in the last window, the sweep runs at most once per
 * key and window, and the index on windowStart makes a sweep with nothing to delete one probe.
 */
export const consumeRateLimit = async (db: Db, key: string, policy: RateLimitPolicy, now: Date): Promise<RateLimitDecision> => {
  const windowStart = windowStartOf(now, policy.windowSeconds);
  const [row] = await writeDirectStatement<{ count: number | bigint }>(db, COUNT_CALL, [key, windowStart, policy.limit]);
  const count = row ? Number(row.count) : policy.limit + 1;
  if (count === 1) await sweepEndedWindows(db, windowStart);
  const windowEnd = windowStart.getTime() + policy.windowSeconds * 1000;
  return {
    allowed: count <= policy.limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    windowStart,
  };
};

// Housekeeping: a sweep that fails (the database busy past its bound) must not fail the call it
// rides on; the next window opened tries again.
const sweepEndedWindows = async (db: Db, before: Date) => {
  try {
    await writeDirectStatement(db, SWEEP_ENDED_WINDOWS, [before]);
  } catch (error) {
    console.warn("Rate limit: ended windows were not swept", (error as Error).message);
  }
};
