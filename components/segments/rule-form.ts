import { operatorsByType, type TRuleCombinator, type TRuleOperator } from "@/lib/segments/rule-vocabulary";
import type { TRuleCondition, TRuleGroup, TSegmentRule } from "@/lib/segments/schemas";
import type { TAttributeType } from "@/lib/unification/attributes";

// The rule builder's state: what the user typed, as text, with a key per row so React keeps focus
// on the row being edited. toRule turns it into the API's rule, typed by each attribute's type;
// what is incomplete is left for the server's checks to point at (rule.conditions.1.value).

export type FormCondition = { kind: "condition"; key: string; attribute: string; operator: TRuleOperator; value: string };
export type FormGroup = { kind: "group"; key: string; combinator: TRuleCombinator; conditions: FormCondition[] };
export type RuleForm = { combinator: TRuleCombinator; items: Array<FormCondition | FormGroup> };

export type AttributeTypes = ReadonlyMap<string, TAttributeType>;

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

export const newCondition = (attribute = ""): FormCondition => ({ kind: "condition", key: newKey(), attribute, operator: "eq", value: "" });
export const newGroup = (attribute = ""): FormGroup => ({ kind: "group", key: newKey(), combinator: "or", conditions: [newCondition(attribute)] });
export const newRuleForm = (attribute = ""): RuleForm => ({ combinator: "and", items: [newCondition(attribute)] });

/** A new attribute keeps the operator where it applies (else the type's first) and the value where the type is the same. */
export const withAttribute = (condition: FormCondition, attribute: string, types: AttributeTypes): FormCondition => {
  const before = types.get(condition.attribute);
  const after = types.get(attribute);
  const operators = after ? operatorsByType[after] : [];
  const operator = operators.includes(condition.operator) ? condition.operator : (operators[0] ?? condition.operator);
  return { ...condition, attribute, operator, value: before === after ? condition.value : "" };
};

/** The lines of an `in` list: one value a line, blank lines dropped. */
export const listValues = (value: string) =>
  value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

// A number field left empty or not a number stays text, so the server says "Enter a number".
const asNumber = (text: string): number | string => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text.trim());

const toCondition = (condition: FormCondition, types: AttributeTypes): TRuleCondition => {
  const { attribute, operator } = condition;
  const type = types.get(attribute);
  if (operator === "isEmpty") return { attribute, operator };
  if (operator === "in") {
    const values = listValues(condition.value);
    return { attribute, operator, value: type === "number" ? values.map(asNumber) : values };
  }
  // The yes/no list shows "yes" until it is changed.
  if (type === "boolean") return { attribute, operator, value: condition.value !== "false" };
  if (type === "number") return { attribute, operator, value: asNumber(condition.value) } as TRuleCondition;
  return { attribute, operator, value: type === "date" ? condition.value : condition.value.trim() };
};

export const toRule = (form: RuleForm, types: AttributeTypes): TSegmentRule => ({
  combinator: form.combinator,
  conditions: form.items.map((item): TRuleCondition | TRuleGroup =>
    item.kind === "group"
      ? { combinator: item.combinator, conditions: item.conditions.map((condition) => toCondition(condition, types)) }
      : toCondition(item, types),
  ),
});

const valueText = (condition: TRuleCondition): string => {
  if (!("value" in condition)) return "";
  const value = condition.value;
  if (Array.isArray(value)) return value.map(String).join("\n");
  return String(value);
};

const fromCondition = (condition: TRuleCondition): FormCondition => ({
  kind: "condition",
  key: newKey(),
  attribute: condition.attribute,
  operator: condition.operator,
  value: valueText(condition),
});

export const fromRule = (rule: TSegmentRule): RuleForm => ({
  combinator: rule.combinator,
  items: rule.conditions.map((item) =>
    "combinator" in item
      ? { kind: "group", key: newKey(), combinator: item.combinator, conditions: item.conditions.map(fromCondition) }
      : fromCondition(item),
  ),
});
