import type { TAttributeType } from "../unification/attributes";

// A segment rule's vocabulary as plain values (no zod), so the segment screens can list operators
// and combinators without loading zod; schemas.ts builds its zod enums from these.

export const ruleCombinators = ["and", "or"] as const;
export type TRuleCombinator = (typeof ruleCombinators)[number];

export const ruleOperators = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "startsWith", "in", "isEmpty"] as const;
export type TRuleOperator = (typeof ruleOperators)[number];

/** Operators that compare with one value (`in` takes a list, `isEmpty` none). */
export const scalarOperators = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "startsWith"] as const;
export type TScalarOperator = (typeof scalarOperators)[number];

/**
 * Which operators apply to each attribute type. Text has no ordering operators: the two databases
 * order text by different collations, and a case-insensitive order has no obvious meaning.
 */
export const operatorsByType: Readonly<Record<TAttributeType, readonly TRuleOperator[]>> = {
  text: ["eq", "neq", "contains", "startsWith", "in", "isEmpty"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "in", "isEmpty"],
  date: ["eq", "neq", "gt", "gte", "lt", "lte", "in", "isEmpty"],
  boolean: ["eq", "neq", "isEmpty"],
};

export const operatorAppliesTo = (operator: TRuleOperator, type: TAttributeType) => operatorsByType[type].includes(operator);

/** Conditions in a whole rule (root and nested groups together), and values in one `in` list. */
export const MAX_RULE_CONDITIONS = 50;
export const MAX_IN_VALUES = 100;
export const MAX_TEXT_VALUE_LENGTH = 500;
