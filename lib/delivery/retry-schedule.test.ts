import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptDelayMs, parseRetryAfter } from "./retry-schedule";

const noJitter = () => 0.5;
const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe("nextAttemptDelayMs", () => {
  it("follows the SPEC schedule over 10 attempts", () => {
    const delays = Array.from({ length: 9 }, (_, i) => nextAttemptDelayMs(i + 1, { random: noJitter }));
    expect(delays).toEqual([5 * s, 5 * min, 30 * min, 2 * h, 5 * h, 10 * h, 14 * h, 20 * h, 24 * h]);
    expect(MAX_ATTEMPTS).toBe(10);
  });

  it("is exhausted after the 10th attempt", () => {
    expect(nextAttemptDelayMs(10, { random: noJitter })).toBeNull();
    expect(nextAttemptDelayMs(11)).toBeNull();
    expect(nextAttemptDelayMs(0)).toBeNull();
  });

  it("applies ±20 % jitter", () => {
    expect(nextAttemptDelayMs(2, { random: () => 0 })).toBe(4 * min);
    expect(nextAttemptDelayMs(2, { random: () => 0.999999 })).toBeCloseTo(6 * min, -1);
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelayMs(3)!;
      expect(delay).toBeGreaterThanOrEqual(24 * min);
      expect(delay).toBeLessThanOrEqual(36 * min);
    }
  });

  it("honours Retry-After on 503 within [scheduled, 2 × scheduled]", () => {
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 503, retryAfter: "420" })).toBe(7 * min);
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 503, retryAfter: "1" })).toBe(5 * min);
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 503, retryAfter: "86400" })).toBe(10 * min);
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 503, retryAfter: 8 * min })).toBe(8 * min);
  });

  it("reads Retry-After as an HTTP date", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const retryAfter = new Date(now + 6 * min).toUTCString();
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 429, retryAfter, now })).toBe(6 * min);
  });

  it("ignores Retry-After on other statuses", () => {
    expect(nextAttemptDelayMs(2, { random: noJitter, statusCode: 500, retryAfter: "420" })).toBe(5 * min);
  });

  it("waits at least 60 s after a 429 or a timeout", () => {
    expect(nextAttemptDelayMs(1, { random: noJitter, statusCode: 429 })).toBe(60 * s);
    expect(nextAttemptDelayMs(1, { random: noJitter, statusCode: 429, retryAfter: "2" })).toBe(60 * s);
    expect(nextAttemptDelayMs(1, { random: noJitter, timedOut: true })).toBe(60 * s);
    expect(nextAttemptDelayMs(1, { random: noJitter, statusCode: 500 })).toBe(5 * s);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["", null],
    ["soon", null],
    ["-5", null],
  ])("%j → %j", (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it("turns a past date into 0", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).toBe(0);
  });
});
