import type { TRefreshSchedule, TRefreshScheduleInput } from "@/lib/refresh-jobs/schedule/schemas";

// The schedule editor's form: the saved schedule as editable fields, and its field errors keyed
// by the issue paths of ZRefreshScheduleInput ("cronExpressions.2", "timeZone").

/** Each expression keeps a key of its own, so removing one does not move the others' fields. */
export type ScheduleForm = { enabled: boolean; expressions: Array<{ key: number; value: string }>; timeZone: string };

let nextKey = 0;
export const newExpression = (value = "") => ({ key: nextKey++, value });

/** A schedule never saved starts in the user's own time zone, with one empty expression. */
export const scheduleToForm = (schedule: TRefreshSchedule, userTimeZone: string): ScheduleForm => ({
  enabled: schedule.enabled,
  expressions: (schedule.cronExpressions.length > 0 ? schedule.cronExpressions : [""]).map((value) => newExpression(value)),
  timeZone: schedule.updatedAt === null ? userTimeZone : schedule.timeZone,
});

export const formToInput = (form: ScheduleForm): TRefreshScheduleInput => ({
  enabled: form.enabled,
  cronExpressions: form.expressions.map((expression) => expression.value.trim()),
  timeZone: form.timeZone.trim(),
});

/** The IANA zones the browser knows, with the ones in use (UTC, a saved zone) if it lists them not. */
export const timeZoneOptions = (...inUse: string[]): string[] => {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...known, "UTC", ...inUse.filter(Boolean)])].sort((a, b) => a.localeCompare(b));
};

/** The zones whose name contains every word typed ("new york", "europe/ma"), case-insensitively. */
export const filterTimeZones = (zones: readonly string[], query: string): string[] => {
  const words = query.toLowerCase().replace(/[_/]/g, " ").split(/\s+/).filter(Boolean);
  return zones.filter((zone) => {
    const name = zone.toLowerCase().replace(/[_/]/g, " ");
    return words.every((word) => name.includes(word));
  });
};
