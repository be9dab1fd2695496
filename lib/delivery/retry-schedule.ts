// SPEC §4: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (10 attempts, ~75.6 h).
// Entry i is the wait after attempt i + 1 failed.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const retryDelaysMs = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;

export const MAX_ATTEMPTS = retryDelaysMs.length + 1;

const JITTER = 0.2;
// A receiver that is overloaded (429) or too slow (timeout) gets at least a minute of rest.
const OVERLOAD_PENALTY_MS = 60 * SECOND;

export type RetryContext = {
  /** Retry-After as received (seconds or an HTTP date), or already converted to milliseconds. */
  retryAfter?: string | number | null;
  statusCode?: number | null;
  timedOut?: boolean;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
  now?: number;
};

/** Retry-After in milliseconds from now; null when absent or unreadable. */
export const parseRetryAfter = (value: string | null | undefined, now = Date.now()): number | null => {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * SECOND;
  // HTTP dates always carry a weekday and month name; anything else ("-5") is not one.
  if (!/[a-z]/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
};

/**
 * The wait before the next attempt after attempt `attemptNumberJustFailed` (1-based)
 * failed, or null when the schedule is exhausted. Retry-After (429/503) is honoured but
 * clamped to [scheduled, 2 × scheduled], so a receiver can slow us down but neither
 * stall a delivery for days nor make us hammer it.
 */
export const nextAttemptDelayMs = (attemptNumberJustFailed: number, context: RetryContext = {}): number | null => {
  const scheduled = retryDelaysMs[attemptNumberJustFailed - 1];
  if (scheduled === undefined) return null;
  const random = context.random ?? Math.random;
  let delay = scheduled * (1 + (random() * 2 - 1) * JITTER);

  const { statusCode } = context;
  if (statusCode === 429 || statusCode === 503) {
    const retryAfterMs =
      typeof context.retryAfter === "number" ? context.retryAfter : parseRetryAfter(context.retryAfter, context.now);
    if (retryAfterMs !== null && Number.isFinite(retryAfterMs)) {
      delay = Math.min(Math.max(retryAfterMs, delay), 2 * delay);
    }
  }
  if (statusCode === 429 || context.timedOut) delay = Math.max(delay, OVERLOAD_PENALTY_MS);
  return Math.round(delay);
};
