import { getAuthConfig } from "../auth/auth-config";
import type { Principal } from "../auth/roles";
import { type Db, getDb } from "../db/client";
import { AppError } from "../errors/app-error";
import { connectionKeyOf } from "./connection-key";
import { CONNECTION_RATE_LIMIT } from "./connection-rate-limit";
import { consumeRateLimit } from "./consume-rate-limit";

const systemClock = () => new Date();
let clock: () => Date = systemClock;

/** Tests move time instead of waiting for a window to end; undefined restores the system clock. */
export const setRateLimitClockForTesting = (next: (() => Date) | undefined) => {
  clock = next ?? systemClock;
};

export const rateLimited = (limit: number, windowSeconds: number, retryAfterSeconds: number) =>
  new AppError(
    "rate_limited",
    `This connection has made more than ${limit} calls in ${windowSeconds} seconds. Try again in ${retryAfterSeconds} seconds.`,
    { limit, windowSeconds, retryAfterSeconds },
    { retryAfterSeconds },
  );

/**
 * Counts a call of a Power Automate connection (a token issued to the connector's client) and
 * refuses it with 429 and Retry-After past 100 calls in its 60-second window. The count lives in
 * the database, so every app process shares it. Calls with other clients' tokens pass uncounted.
 */
export const enforceConnectionRateLimit = async (principal: Principal, db: Db = getDb()): Promise<void> => {
  const key = connectionKeyOf(principal, getAuthConfig().connectorClientIds);
  if (!key) return;
  const { limit, windowSeconds } = CONNECTION_RATE_LIMIT;
  const decision = await consumeRateLimit(db, key, CONNECTION_RATE_LIMIT, clock());
  if (!decision.allowed) throw rateLimited(limit, windowSeconds, decision.retryAfterSeconds);
};
