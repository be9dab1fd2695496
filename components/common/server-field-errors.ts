import { translateIssueMessage } from "@/lib/i18n/zod-messages";
import type { Translate } from "@/lib/i18n/translate";
import { ApiError } from "@/lib/ui/api-client";

/**
 * A 422 validation_failed answer's issues (`details.issues: [{ path, message }]`) as field errors in
 * the user's language, keyed by path ("rule.conditions.1.value"), the first issue per path; null for
 * any other failure (shown whole, in an error bar).
 */
export const serverFieldErrors = (error: unknown, t: Translate): Record<string, string> | null => {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return null;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const out: Record<string, string> = {};
  for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof issue?.path === "string" && !out[issue.path]) out[issue.path] = translateIssueMessage(issue.message, t);
  }
  return Object.keys(out).length > 0 ? out : null;
};
