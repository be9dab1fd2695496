import type { TAttributeType } from "../unification/attributes";
import { type ResolvedAttribute, foldText, resolveAttribute } from "./attribute-sql";
import { conditionMisfit } from "./condition-fit";
import { type TRuleCondition, type TSegmentRule, isRuleGroup } from "./schemas";

// The rule's meaning in memory, over plain profiles: the oracle that compile-rule.ts's SQL is
// checked against on both databases (segment-sql.int.test.ts). Never used to find members:
// those are counted and read in SQL. Semantics: see compile-rule.ts.

/** A profile as stored: the standard attributes' columns and the custom attributes' JSON. */
export type ProfileValues = { [standard: string]: unknown; customAttributes: Record<string, unknown> };

type Value = string | number | boolean | null;

/** The attribute's value as attribute-sql.ts reads it: null for missing, null, empty text or another JSON type. */
export const attributeValue = (profile: ProfileValues, attribute: ResolvedAttribute): Value => {
  const raw = attribute.standard ? profile[attribute.name] : Object.hasOwn(profile.customAttributes, attribute.name) ? profile.customAttributes[attribute.name] : null;
  switch (attribute.type) {
    case "text":
    case "date":
      return typeof raw === "string" && raw !== "" ? raw : null;
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    case "boolean":
      return typeof raw === "boolean" ? raw : null;
  }
};

const ordered = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

const conditionHolds = (profile: ProfileValues, condition: TRuleCondition, types: ReadonlyMap<string, TAttributeType>): boolean => {
  const attribute = resolveAttribute(condition.attribute, types);
  if (!attribute) return condition.operator === "isEmpty";
  if (conditionMisfit(condition, attribute.type)) return false;
  const value = attributeValue(profile, attribute);
  if (condition.operator === "isEmpty") return value === null;
  if (value === null) return false;
  const text = attribute.type === "text";
  const norm = (v: string | number | boolean) => (text ? foldText(v as string) : v);
  const left = norm(value);
  switch (condition.operator) {
    case "in":
      return condition.value.some((v) => norm(v) === left);
    case "contains":
      return (left as string).includes(norm(condition.value) as string);
    case "startsWith":
      return (left as string).startsWith(norm(condition.value) as string);
    case "eq":
      return left === norm(condition.value);
    case "neq":
      return left !== norm(condition.value);
  }
  const order = ordered(left as string | number, norm(condition.value) as string | number);
  switch (condition.operator) {
    case "gt":
      return order > 0;
    case "gte":
      return order >= 0;
    case "lt":
      return order < 0;
    case "lte":
      return order <= 0;
  }
};

/** Whether the profile is a member of the rule's segment. */
export const ruleMatches = (profile: ProfileValues, rule: TSegmentRule, types: ReadonlyMap<string, TAttributeType>): boolean => {
  const all = (combinator: "and" | "or", results: boolean[]) => (combinator === "and" ? results.every(Boolean) : results.some(Boolean));
  return all(
    rule.combinator,
    rule.conditions.map((item) =>
      isRuleGroup(item) ? all(item.combinator, item.conditions.map((c) => conditionHolds(profile, c, types))) : conditionHolds(profile, item, types),
    ),
  );
};
