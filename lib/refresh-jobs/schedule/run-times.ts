import { cronOf } from "./cron";

// When a schedule is due. Pure and browser-safe: the schedule editor previews the next run times
// with nextRunTimes, the scheduler asks latestDueTime on each tick.
//
// Daylight-saving changes are croner's: a fixed time that does not exist on the spring-forward day
// (02:30 in Europe/Madrid on 2026-03-29) runs once, at the first valid minute after the gap (03:00
// CEST); a fixed time that happens twice on the fall-back day (02:30 on 2026-10-25) runs once, at
// its first occurrence (02:30 CEST). Expressions with a wildcard or step hour (every hour) run at
// both 02:00s of the fall-back day.

export type ScheduleTimes = { cronExpressions: readonly string[]; timeZone: string };

/** The next `count` due times strictly after `from`, over every expression, without repeats. */
export const nextRunTimes = (schedule: ScheduleTimes, from: Date, count: number): Date[] => {
  const times = new Map<number, Date>();
  for (const expression of schedule.cronExpressions) {
    for (const time of cronOf(expression, schedule.timeZone).nextRuns(count, from)) times.set(time.getTime(), time);
  }
  return [...times.values()].sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
};

/**
 * The most recent due time at or before `now` over every expression, or null. croner's
 * previousRuns leaves out its reference second, so the reference is the second after now's.
 */
export const latestDueTime = (schedule: ScheduleTimes, now: Date): Date | null => {
  const reference = new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
  let latest: Date | null = null;
  for (const expression of schedule.cronExpressions) {
    const [time] = cronOf(expression, schedule.timeZone).previousRuns(1, reference);
    if (time && time.getTime() <= now.getTime() && (!latest || time > latest)) latest = time;
  }
  return latest;
};
