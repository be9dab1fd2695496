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

/** IANA names only: Intl refuses unknown ones. */
export const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
