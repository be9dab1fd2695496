import type { Formatters } from "./format";
import type { MessageKey } from "./messages/en";
import type { MessageValues, Translate } from "./translate";
import { translateIssueMessage } from "./zod-messages";

// The server reports failures as a code, with a machine-readable `reason` and the values a sentence
// needs in `details`; its `message` is English and meant for developers. The UI never shows that
// message: it picks the catalog entry for code and reason here, fills in the values in the user's
// language, and falls back to a generic entry for a code or reason it does not know (a newer server).
//
// Catalog keys: `<namespace>.<code>.<reason>`, else `<namespace>.<code>`, else `<namespace>.unknown`.
// Namespaces: `error` (API answers, lib/errors/app-error.ts), `refreshError` (a refresh run's error,
// lib/datasources/refresh-error.ts), `deliveryError` (a delivery attempt's, lib/delivery/attempt-error.ts),
// `unificationError` (a unification run's, lib/unification/run/unification-error.ts), `refreshJobError`
// (a full refresh job's or its task's own failures, lib/refresh-jobs).
// URL and file path refusals read the same wherever they happen: `refusal.<reason>`.

export type ErrorNamespace = "error" | "refreshError" | "deliveryError" | "unificationError" | "refreshJobError";

type I18n = { t: Translate; format: Formatters };

type Details = Record<string, unknown>;

const asDetails = (value: unknown): Details =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Details) : {};

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** Codes whose reasons are URL or file path refusals, told in the shared `refusal.*` sentences. */
const refusalCodes = new Set([
  "error.callback_url_refused",
  "error.validation_failed",
  "refreshError.url_refused",
  "refreshError.path_refused",
  "deliveryError.url_refused",
]);

/** The catalog key for a code (and the reason or resource in its details): the most specific one the catalog has. */
export const errorMessageKey = (namespace: ErrorNamespace, code: string, details: unknown, t: Pick<Translate, "has">): MessageKey => {
  const values = asDetails(details);
  // A 404 names what was not found; every other code tells its cases apart by reason.
  const variant = text(values.reason) ?? text(values.resource);
  const candidates = [
    variant ? `${namespace}.${code}.${variant}` : undefined,
    variant && refusalCodes.has(`${namespace}.${code}`) ? `refusal.${variant}` : undefined,
    `${namespace}.${code}`,
  ];
  return candidates.find((key): key is MessageKey => key !== undefined && t.has(key)) ?? `${namespace}.unknown`;
};

// Values that name something the catalogs also name are shown in the user's language.
const translatedValues: Record<string, (value: string) => string> = {
  role: (value) => `role.${value}`,
  status: (value) => `status.${value}`,
  kind: (value) => `dataSources.kind.${value}`,
};

/** The details as placeholder values: sizes as bytes, lists joined, numbers and names in the user's locale. */
export const errorMessageValues = (details: unknown, { t, format }: I18n): MessageValues => {
  const out: MessageValues = {};
  for (const [name, value] of Object.entries(asDetails(details))) {
    if (typeof value === "number") {
      // HTTP status codes are not quantities: no digit grouping.
      out[name] = name.endsWith("Bytes") ? format.bytes(value) : name === "status" ? String(value) : format.number(value);
    } else if (typeof value === "string") {
      const key = translatedValues[name]?.(value);
      out[name] = key && t.has(key) ? t(key) : value;
    } else if (Array.isArray(value)) {
      // An empty list (a segment that measures use, but no trigger) reads as "none", not as nothing.
      if (value.length === 0) {
        out[name] = t("common.noneInSentence");
        continue;
      }
      // Records in a list (the triggers that use a data source, the measures that use a segment)
      // are named by their display name or name.
      out[name] = format.list(value.map((item) => text(asDetails(item).displayName) ?? text(asDetails(item).name) ?? String(item)));
    }
  }
  return out;
};

/** The sentence for one coded failure, in the user's language. */
export const describeCodedError = (namespace: ErrorNamespace, code: string, details: unknown, i18n: I18n): string =>
  i18n.t(errorMessageKey(namespace, code, details, i18n.t), { code, ...errorMessageValues(details, i18n) });

/** validation_failed without a reason: its issues through the schema-message mapping, each sentence once. */
const describeIssues = (details: Details, t: Translate) => {
  const issues = Array.isArray(details.issues) ? (details.issues as unknown[]) : [];
  const sentences = new Set(issues.map((issue) => translateIssueMessage(asDetails(issue).message, t)));
  return sentences.size > 0 ? [...sentences].join(" ") : t("error.validation_failed");
};

/** An API error answer (`{ error: { code, message, details } }`), told from its code and details. */
export const describeApiError = (error: { code: string; details?: unknown }, i18n: I18n): string => {
  const details = asDetails(error.details);
  if (error.code === "validation_failed" && !text(details.reason)) return describeIssues(details, i18n.t);
  return describeCodedError("error", error.code, details, i18n);
};

/** The error of a failed refresh run (TRunError). */
export const describeRunError = (error: { code: string; details?: unknown }, i18n: I18n): string =>
  describeCodedError("refreshError", error.code, error.details, i18n);

/** The error of a failed unification run (TUnificationRun's error). */
export const describeUnificationRunError = (error: { code: string; details?: unknown }, i18n: I18n): string =>
  describeCodedError("unificationError", error.code, error.details, i18n);

/**
 * Why a delivery attempt (or a delivery's last attempt) failed. Rows written before error codes were
 * stored have only the English text: they read as the HTTP status they got, or as a generic failure.
 */
export const describeAttemptError = (
  attempt: { errorCode: string | null; errorDetails?: unknown; statusCode?: number | null },
  i18n: I18n,
): string => {
  const details = asDetails(attempt.errorDetails);
  const code = attempt.errorCode ?? (attempt.statusCode ? "http_status" : "network");
  const values = attempt.errorCode ? details : { status: attempt.statusCode ?? 0 };
  const sentence = describeCodedError("deliveryError", code, values, i18n);
  const gaveUpAfter = details.gaveUpAfter;
  return typeof gaveUpAfter === "number"
    ? i18n.t("deliveryError.gaveUp", { error: sentence, attempts: i18n.format.number(gaveUpAfter) })
    : sentence;
};

/** The error of a full refresh job (tasks_failed, interrupted, schedule_overlap). */
export const describeRefreshJobError = (error: { code: string; details?: unknown }, i18n: I18n): string =>
  describeCodedError("refreshJobError", error.code, error.details, i18n);

// A task's error is its own run's (a data source refresh or a unification run) or the computation's
// (an API error code); a code its kind's namespace does not know is the job's own (the subject
// deleted during the job, the job interrupted).
// The task kinds of lib/triggers/types/refresh-job-shapes.ts, spelt out: the catalogs sit below the
// domains and import none of them (a new kind fails to compile where tasks are described).
type RefreshTaskKind = "dataSource" | "unification" | "segment" | "measure";
const taskNamespace: Record<RefreshTaskKind, ErrorNamespace> = {
  dataSource: "refreshError",
  unification: "unificationError",
  segment: "error",
  measure: "error",
};

/** The error of one task of a full refresh job. */
export const describeRefreshTaskError = (task: { kind: RefreshTaskKind; error: { code: string; details?: unknown } }, i18n: I18n): string => {
  const own = taskNamespace[task.kind];
  return describeCodedError(i18n.t.has(`${own}.${task.error.code}`) ? own : "refreshJobError", task.error.code, task.error.details, i18n);
};
