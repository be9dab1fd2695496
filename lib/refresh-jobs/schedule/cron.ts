import { Cron } from "croner";

// Cron expressions and time zones as the schedule reads them, without zod: the schedule editor
// previews run times with these on first load, and loads the schema check only to save.

export const MAX_CRON_EXPRESSIONS = 24;

/** A five-field cron expression (minute hour day-of-month month day-of-week), as croner reads it. */
export const cronOf = (expression: string, timeZone?: string) => new Cron(expression, { paused: true, mode: "5-part", timezone: timeZone });

/** Whether croner reads the (trimmed) expression as five fields. */
export const isCronExpression = (value: string) => {
  if (value.split(/\s+/).length !== 5) return false;
  try {
    cronOf(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether a valid expression ever fires (croner finds no next run for days no month has, like
 * `0 0 30 2 *`): such a schedule would never run, and each scheduler tick would scan years back for
 * its due time. An expression croner does not read passes, as isCronExpression refuses it.
 */
export const cronEverFires = (value: string) => {
  try {
    return cronOf(value).nextRun() !== null;
  } catch {
    return true;
  }
};

/** IANA names only: Intl refuses unknown ones. */
export const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
