import { translateIssueMessage } from "@/lib/i18n/zod-messages";
import type { Translate } from "@/lib/i18n/translate";
import { type TUnificationConfigInput, ZUnificationConfig } from "@/lib/unification/schemas";
import { fieldErrorsOf, formToConfig, type UnifyForm } from "./unify-form";

// The configuration's schema check before Save, loaded on demand (zod and the schemas are not
// part of the Unify screen's first load). The API checks the same schema and, besides, what only
// it can see (data sources of the instance, attributes the rules name); its 422 issues come back
// to the same fields through fieldErrorsOf.

export type ConfigCheck = { ok: true; config: TUnificationConfigInput } | { ok: false; errors: Record<string, string> };

export const checkConfig = (form: UnifyForm, t: Translate): ConfigCheck => {
  const config = formToConfig(form);
  const result = ZUnificationConfig.safeParse(config);
  if (result.success) return { ok: true, config };
  return {
    ok: false,
    errors: fieldErrorsOf(
      form,
      result.error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)), message: translateIssueMessage(issue.message, t) })),
    ),
  };
};
