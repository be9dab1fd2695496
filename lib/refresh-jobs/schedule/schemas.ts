import { z } from "zod";
import { cronEverFires, isCronExpression, isTimeZone, MAX_CRON_EXPRESSIONS } from "./cron";

// The refresh schedule's shape, shared by the schedule editor and the API. Browser-safe: croner has
// no dependencies and time zones come from Intl (./cron.ts).

export { cronOf, MAX_CRON_EXPRESSIONS } from "./cron";

export const ZCronExpression = z
  .string()
  .trim()
  .min(1, "Enter a cron expression.")
  .max(120, "Keep a cron expression under 120 characters.")
  .refine(isCronExpression, "Enter five cron fields: minute, hour, day of month, month, day of week.")
  .refine(cronEverFires, "This cron expression never runs: check its day of month and month.");

/** IANA names only: Intl refuses unknown ones. */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(64, "Choose a time zone.")
  .refine(isTimeZone, "Choose a time zone.");

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
