import type { TAttributeType } from "../unification/attributes";
import { operatorAppliesTo } from "./rule-vocabulary";
import type { TRuleCondition } from "./schemas";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const valueFits = (type: TAttributeType, value: unknown) => {
  switch (type) {
    case "text":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "date":
      return typeof value === "string" && DATE.test(value);
    case "boolean":
      return typeof value === "boolean";
  }
};

/**
 * What does not fit between a condition and its attribute's type: the operator (gt on a boolean),
 * the value (text for a number, a date not written YYYY-MM-DD), or nothing (null). The server
 * refuses a rule that does not fit; a saved rule that stopped fitting (its attribute's type
 * changed since) matches no profile, in SQL and in memory alike.
 */
export const conditionMisfit = (condition: TRuleCondition, type: TAttributeType): "operator" | "value" | null => {
  if (!operatorAppliesTo(condition.operator, type)) return "operator";
  if (condition.operator === "isEmpty") return null;
  const values: unknown[] = condition.operator === "in" ? condition.value : [condition.value];
  return values.every((value) => valueFits(type, value)) ? null : "value";
};
