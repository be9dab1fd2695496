import type { z } from "zod";
import type { MessageKey } from "./messages/en";
import type { Translate } from "./translate";

// The shared schemas (lib/triggers/schemas.ts, lib/datasources/schemas.ts) speak English because the
// API returns their messages too; in the browser we show the catalog's version of the same sentence.
const byMessage: Record<string, MessageKey> = {
  "Enter the endpoint URL.": "validation.callbackUrl.required",
  "The URL is too long (2048 characters at most).": "validation.callbackUrl.tooLong",
  "Enter a full URL, starting with https://.": "validation.callbackUrl.invalid",
  "The URL must start with https://.": "validation.callbackUrl.scheme",
  "The URL must not contain a user name or password.": "validation.callbackUrl.credentials",
  "Give the trigger a name.": "validation.displayName.required",
  "Keep the name under 120 characters.": "validation.displayName.tooLong",
  "Give the data source a name.": "validation.dataSourceName.required",
  "Columns must be unique.": "validation.columns.unique",
  "Invalid id.": "validation.invalidId",
};

export const hasCatalogMessage = (message: string) => message in byMessage;

/** First issue per top-level-or-nested path ("parameters.dataSourceId"), translated. */
export const fieldErrors = (error: z.ZodError, t: Translate): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (out[path]) continue;
    const key = byMessage[issue.message];
    out[path] = key ? t(key) : t("validation.required");
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
