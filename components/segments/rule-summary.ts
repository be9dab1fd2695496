import { attributeLabel } from "@/components/unify/attribute-label";
import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { TRuleOperator } from "@/lib/segments/rule-vocabulary";
import type { TRuleCondition, TSegmentRule } from "@/lib/segments/schemas";
import type { TAttributeType } from "@/lib/unification/attributes";

/** An operator in words; dates read "is after" rather than "is greater than". */
export const operatorLabel = (operator: TRuleOperator, type: TAttributeType | undefined, t: Translate) => {
  const dated = `segments.operator.date.${operator}`;
  return type === "date" && t.has(dated) ? t(dated) : t(`segments.operator.${operator}`);
};

const valueWords = (value: unknown, t: Translate, format: Formatters): string => {
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "number") return format.number(value);
  return t("segments.quoted", { value: String(value) });
};

const conditionWords = (condition: TRuleCondition, types: ReadonlyMap<string, TAttributeType>, t: Translate, format: Formatters) => {
  const words = `${attributeLabel(condition.attribute, t)} ${operatorLabel(condition.operator, types.get(condition.attribute), t)}`;
  if (!("value" in condition)) return words;
  const value = Array.isArray(condition.value) ? condition.value.map((v) => valueWords(v, t, format)).join(", ") : valueWords(condition.value, t, format);
  return `${words} ${value}`;
};

/** The rule in one sentence: "City equals “Girona” and (Loyalty tier equals “Gold” or …)". */
export const ruleSummary = (rule: TSegmentRule, types: ReadonlyMap<string, TAttributeType>, t: Translate, format: Formatters): string =>
  rule.conditions
    .map((item) =>
      "combinator" in item
        ? `(${item.conditions.map((condition) => conditionWords(condition, types, t, format)).join(` ${t(`segments.combinator.${item.combinator}`)} `)})`
        : conditionWords(item, types, t, format),
    )
    .join(` ${t(`segments.combinator.${rule.combinator}`)} `);
