import { AppError } from "../errors/app-error";
import type { TAttributeType } from "../unification/attributes";
import { configIssueMessages } from "../unification/validate-config";
import { conditionMisfit } from "./condition-fit";
import { type TRuleCondition, type TSegmentRule, isRuleGroup } from "./schemas";

export type RuleIssue = { path: string; message: string };

// Server-side sentences (the schema's own are in schemas.ts); lib/i18n/zod-messages.ts maps each
// to its catalog entry, so keep them in step.
export const ruleIssueMessages = {
  unknownAttribute: configIssueMessages.unknownAttribute,
  operator: "This operator does not apply to the attribute's type.",
  value: "The value does not suit the attribute's type.",
} as const;

/**
 * What the rule's schema cannot see: each condition names an attribute of the instance, with an
 * operator and a value that suit the attribute's type. Paths point at the condition's field
 * under `prefix` (rule.conditions.1.conditions.0.value).
 */
export const validateRule = (rule: TSegmentRule, types: ReadonlyMap<string, TAttributeType>, prefix = "rule"): RuleIssue[] => {
  const issues: RuleIssue[] = [];
  const check = (condition: TRuleCondition, path: string) => {
    const type = types.get(condition.attribute);
    if (!type) return issues.push({ path: `${path}.attribute`, message: ruleIssueMessages.unknownAttribute });
    const misfit = conditionMisfit(condition, type);
    if (misfit) issues.push({ path: `${path}.${misfit}`, message: ruleIssueMessages[misfit] });
  };
  rule.conditions.forEach((item, i) => {
    const path = `${prefix}.conditions.${i}`;
    if (isRuleGroup(item)) item.conditions.forEach((condition, j) => check(condition, `${path}.conditions.${j}`));
    else check(item, path);
  });
  return issues;
};

/** validateRule's issues as the API's 422 validation_failed (nothing is written). */
export const assertRuleValid = (rule: TSegmentRule, types: ReadonlyMap<string, TAttributeType>, prefix = "rule"): void => {
  const issues = validateRule(rule, types, prefix);
  if (issues.length > 0) {
    throw new AppError("validation_failed", `Invalid segment rule. ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
};
