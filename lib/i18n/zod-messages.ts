import type { z } from "zod";
import type { MessageKey } from "./messages/en";
import type { Translate } from "./translate";

// The shared schemas (lib/triggers/schemas.ts, lib/datasources/schemas.ts, lib/audit/schemas.ts) speak
// English because the API returns their messages too (in `details.issues` of validation_failed); in the
// browser we show the catalog's version of the same sentence. catalog.test.ts fails for a schema
// message missing here.
const byMessage: Record<string, MessageKey> = {
  "Enter the endpoint URL.": "validation.callbackUrl.required",
  "The URL is too long (2048 characters at most).": "validation.callbackUrl.tooLong",
  "Enter a full URL, starting with https://.": "validation.callbackUrl.invalid",
  "The URL must start with https://.": "validation.callbackUrl.scheme",
  "The URL must not contain a user name or password.": "validation.callbackUrl.credentials",
  "Give the trigger a name.": "validation.displayName.required",
  "Keep the name under 120 characters.": "validation.displayName.tooLong",
  "Give the data source a name.": "validation.dataSourceName.required",
  "Give the destination a name.": "validation.destinationName.required",
  "Choose a destination or enter an endpoint URL, not both.": "validation.endpoint.oneOf",
  "Columns must be unique.": "validation.columns.unique",
  "Invalid id.": "validation.invalidId",
  "Enter the file path under the data directory.": "validation.dataSourceLocation.required",
  "Enter an https:// URL.": "validation.dataSourceLocation.https",
  "A signing secret looks like whsec_ followed by base64.": "validation.signingSecret.format",
  "A signing secret must hold 24 to 64 bytes.": "validation.signingSecret.length",
  "Nothing to update.": "validation.nothingToUpdate",
  "The limit must be a number.": "validation.limit.number",
  "The limit must be a whole number.": "validation.limit.integer",
  "The limit must be at least 1.": "validation.limit.min",
  "The limit must be 200 at most.": "validation.limit.max",
  "Use an ISO 8601 date and time with a time zone.": "validation.dateTime",
  // lib/unification/schemas.ts
  "An attribute name starts with a lowercase letter and has only letters and digits.": "validation.unification.attributeName",
  "A standard attribute has this name.": "validation.unification.standardName",
  "This name is reserved. Choose another one.": "validation.unification.reservedName",
  "Choose a column.": "validation.unification.column",
  "Map each attribute from one column of a source.": "validation.unification.attributeOnce",
  "Invalid rule id.": "validation.unification.ruleId",
  "Give the rule a name.": "validation.unification.ruleName",
  "A rule needs at least one condition.": "validation.unification.ruleConditions",
  "Enter a two-letter country code.": "validation.unification.country",
  "Attribute names must be unique.": "validation.unification.attributesUnique",
  "Map each data source once.": "validation.unification.sourceOnce",
  // lib/segments/schemas.ts, lib/measures/schemas.ts
  "Give the segment a name.": "validation.segment.name",
  "Keep the description under 1000 characters.": "validation.segment.description",
  "Choose an attribute.": "validation.segment.attribute",
  "Enter a value.": "validation.segment.value",
  "Keep the value under 500 characters.": "validation.segment.valueTooLong",
  "Enter a number.": "validation.segment.number",
  "Enter at least one value.": "validation.segment.values",
  "A group needs at least one condition.": "validation.segment.groupConditions",
  "A rule has 50 conditions at most.": "validation.segment.tooManyConditions",
  "Give the measure a name.": "validation.measure.name",
  "Choose the attribute to aggregate.": "validation.measure.attributeRequired",
  // lib/segments/validate-rule.ts, lib/measures/validate-measure.ts
  "This operator does not apply to the attribute's type.": "validation.segment.operatorType",
  "The value does not suit the attribute's type.": "validation.segment.valueType",
  "This aggregation does not apply to the attribute's type.": "validation.measure.aggregationType",
  // lib/refresh-jobs/schedule/schemas.ts
  "Enter a cron expression.": "validation.refreshSchedule.cronRequired",
  "Keep a cron expression under 120 characters.": "validation.refreshSchedule.cronTooLong",
  "Enter five cron fields: minute, hour, day of month, month, day of week.": "validation.refreshSchedule.cronFields",
  "This cron expression never runs: check its day of month and month.": "validation.refreshSchedule.cronNeverRuns",
  "Choose a time zone.": "validation.refreshSchedule.timeZone",
  "Add at least one cron expression.": "validation.refreshSchedule.cronMin",
  "A schedule holds 24 cron expressions at most.": "validation.refreshSchedule.cronMax",
  // Issues the server adds itself, next to the schema's.
  "The data source was not found in this instance.": "error.validation_failed.data_source_not_in_instance",
  "The segment was not found in this instance.": "error.validation_failed.segment_not_in_instance",
  "The measure was not found in this instance.": "error.validation_failed.measure_not_in_instance",
  // lib/triggers/types/threshold-crossed.ts
  "Enter the threshold as a number.": "validation.threshold.number",
  "The margin must be a number, zero or more.": "validation.threshold.margin",
  "Not a cursor this API returned.": "error.validation_failed.invalid_cursor",
  // lib/unification/validate-config.ts
  "No standard or custom attribute has this name.": "validation.unification.unknownAttribute",
  "Map this data source before ordering it.": "validation.unification.unmappedSource",
  "This merge policy does not apply to the attribute's type.": "validation.unification.policyType",
  "Two rules have the same id.": "validation.unification.duplicateRuleId",
  "Phone numbers are not known for this country code.": "validation.unification.phoneCountry",
};

export const hasCatalogMessage = (message: string) => message in byMessage;

/** The catalog's sentence for an English schema message; zod's own messages (and unknown ones) read as "not valid". */
export const translateIssueMessage = (message: unknown, t: Translate) => {
  const key = typeof message === "string" ? byMessage[message] : undefined;
  return key ? t(key) : t("validation.invalid");
};

/** First issue per top-level-or-nested path ("parameters.dataSourceId"), translated. */
export const fieldErrors = (error: z.ZodError, t: Translate): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (out[path]) continue;
    out[path] = translateIssueMessage(issue.message, t);
  }
  return out;
};

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * Parses with a shared schema and translates its issues. A refinement that throws (a URL check running
 * on a string that is not a URL) counts as an invalid value at `pathOnThrow`, not as a crash.
 */
export const validateWith = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
  pathOnThrow: string,
  messageOnThrow: MessageKey,
): Validation<z.infer<S>> => {
  try {
    const result = schema.safeParse(value);
    return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors(result.error, t) };
  } catch {
    return { ok: false, errors: { [pathOnThrow]: t(messageOnThrow) } };
  }
};
