import { describe, expect, it } from "vitest";
import { latestDueTime, nextRunTimes } from "./run-times";
import { ZRefreshScheduleInput } from "./schemas";

const madrid = (cronExpressions: string[]) => ({ cronExpressions, timeZone: "Europe/Madrid" });
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("nextRunTimes", () => {
  it("merges every expression's times in order, without repeats", () => {
    const times = nextRunTimes(madrid(["0 6 * * *", "0 18 * * *", "0 6 * * 1-5"]), new Date("2026-01-05T00:00:00Z"), 5);
    // Winter: Madrid is UTC+1.
    expect(iso(times)).toEqual([
      "2026-01-05T05:00:00.000Z",
      "2026-01-05T17:00:00.000Z",
      "2026-01-06T05:00:00.000Z",
      "2026-01-06T17:00:00.000Z",
      "2026-01-07T05:00:00.000Z",
    ]);
  });

  it("on the spring-forward day a 02:30 that does not exist runs once, at 03:00 CEST", () => {
    expect(iso(nextRunTimes(madrid(["30 2 * * *"]), new Date("2026-03-27T12:00:00Z"), 3))).toEqual([
      "2026-03-28T01:30:00.000Z", // 02:30 CET
      "2026-03-29T01:00:00.000Z", // 03:00 CEST: 02:30 was skipped by the clock
      "2026-03-30T00:30:00.000Z", // 02:30 CEST
    ]);
  });

  it("on the fall-back day a 02:30 that happens twice runs once, at the first one", () => {
    expect(iso(nextRunTimes(madrid(["30 2 * * *"]), new Date("2026-10-24T12:00:00Z"), 2))).toEqual([
      "2026-10-25T00:30:00.000Z", // 02:30 CEST; not again at 02:30 CET (01:30Z)
      "2026-10-26T01:30:00.000Z",
    ]);
  });
});

describe("latestDueTime", () => {
  it("includes a due time equal to now, and none before the first", () => {
    const schedule = madrid(["30 2 * * *"]);
    expect(latestDueTime(schedule, new Date("2026-03-28T01:30:00Z"))?.toISOString()).toBe("2026-03-28T01:30:00.000Z");
    expect(latestDueTime(schedule, new Date("2026-03-28T01:29:59.999Z"))?.toISOString()).toBe("2026-03-27T01:30:00.000Z");
    expect(latestDueTime(schedule, new Date("2026-03-29T01:00:00.500Z"))?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("picks the most recent over several expressions", () => {
    expect(latestDueTime(madrid(["0 6 * * *", "0 18 * * *"]), new Date("2026-01-05T20:00:00Z"))?.toISOString()).toBe("2026-01-05T17:00:00.000Z");
  });
});

describe("the schedule's schema", () => {
  it("takes five-field expressions croner reads and IANA time zones", () => {
    expect(ZRefreshScheduleInput.safeParse({ enabled: true, cronExpressions: ["*/15 * * * *", "30 2 * * 1-5"], timeZone: "Europe/Madrid" }).success).toBe(true);
  });

  it.each([
    [{ enabled: true, cronExpressions: [], timeZone: "UTC" }, "Add at least one cron expression."],
    [{ enabled: true, cronExpressions: ["0 0 * * * *"], timeZone: "UTC" }, "Enter five cron fields: minute, hour, day of month, month, day of week."],
    [{ enabled: true, cronExpressions: ["61 * * * *"], timeZone: "UTC" }, "Enter five cron fields: minute, hour, day of month, month, day of week."],
    [{ enabled: true, cronExpressions: ["@daily"], timeZone: "UTC" }, "Enter five cron fields: minute, hour, day of month, month, day of week."],
    [{ enabled: true, cronExpressions: ["0 0 30 2 *"], timeZone: "UTC" }, "This cron expression never runs: check its day of month and month."],
    [{ enabled: true, cronExpressions: ["0 0 * * *"], timeZone: "Mars/Olympus" }, "Choose a time zone."],
    [{ enabled: true, cronExpressions: Array.from({ length: 25 }, () => "0 0 * * *"), timeZone: "UTC" }, "A schedule holds 24 cron expressions at most."],
  ])("refuses %j", (input, message) => {
    const result = ZRefreshScheduleInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
