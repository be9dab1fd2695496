import { isCronExpression, isTimeZone } from "@/lib/refresh-jobs/schedule/cron";
import { nextRunTimes } from "@/lib/refresh-jobs/schedule/run-times";

export const PREVIEW_COUNT = 5;

/**
 * The next due times of the schedule being edited, from its valid expressions (the positions of
 * the others are returned, so the editor can say they are left out); none until the zone is valid.
 */
export const previewRunTimes = (input: { cronExpressions: readonly string[]; timeZone: string }, from: Date) => {
  const invalid = input.cronExpressions.flatMap((expression, index) => (isCronExpression(expression.trim()) ? [] : [index]));
  const valid = input.cronExpressions.filter((_, index) => !invalid.includes(index)).map((expression) => expression.trim());
  const zoneValid = input.timeZone.trim() !== "" && isTimeZone(input.timeZone.trim());
  const times = zoneValid && valid.length > 0 ? nextRunTimes({ cronExpressions: valid, timeZone: input.timeZone.trim() }, from, PREVIEW_COUNT) : [];
  return { times, invalid, zoneValid };
};
