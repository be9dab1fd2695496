import { Cron } from "croner";
import { z } from "zod";

// The refresh schedule's shape, shared by the schedule editor and the API. Browser-safe: croner has
// no dependencies and time zones come from Intl.

export const MAX_CRON_EXPRESSIONS = 24;

/** A five-field cron expression (minute hour day-of-month month day-of-week), as croner reads it. */
export const cronOf = (expression: string, timeZone?: string) => new Cron(expression, { paused: true, mode: "5-part", timezone: timeZone });

export const ZCronExpression = z
  .string()
  .trim()
  .min(1, "Enter a cron expression.")
  .max(120, "Keep a cron expression under 120 characters.")
  .refine((value) => {
    if (value.split(/\s+/).length !== 5) return false;
    try {
      cronOf(value);
      return true;
    } catch {
      return false;
    }
  }, "Enter five cron fields: minute, hour, day of month, month, day of week.");

/** IANA names only: Intl refuses unknown ones. */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(64, "Choose a time zone.")
  .refine((value) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, "Choose a time zone.");

export const ZRefreshScheduleInput = z
  .object({
    enabled: z.boolean(),
    cronExpressions: z
      .array(ZCronExpression)
      .min(1, "Add at least one cron expression.")
      .max(MAX_CRON_EXPRESSIONS, "A schedule holds 24 cron expressions at most."),
    timeZone: ZTimeZone,
  })
  .strict()
  .meta({ id: "RefreshScheduleInput" });
export type TRefreshScheduleInput = z.infer<typeof ZRefreshScheduleInput>;

export const ZRefreshSchedule = z
  .object({
    instanceId: z.string(),
    enabled: z.boolean(),
    cronExpressions: z.array(z.string()),
    timeZone: z.string(),
    /** Null while the instance has never had a schedule (it then has none, and runs only on demand). */
    updatedAt: z.string().nullable(),
    /** The next due times (at most five), in UTC; none while disabled. */
    nextRunTimes: z.array(z.string()),
  })
  .meta({ id: "RefreshSchedule" });
export type TRefreshSchedule = z.infer<typeof ZRefreshSchedule>;
