import { describe, expect, it } from "vitest";
import { attributeTypesOf } from "../unification/attribute-definitions";
import { ZSegmentInput, ZSegmentRule } from "./schemas";
import { ruleIssueMessages, validateRule } from "./validate-rule";

const types = attributeTypesOf([
  { name: "score", type: "number" },
  { name: "vip", type: "boolean" },
  { name: "tier", type: "text" },
]);

describe("validateRule", () => {
  it("accepts conditions whose operators and values suit their attributes' types", () => {
    const rule = ZSegmentRule.parse({
      combinator: "and",
      conditions: [
        { attribute: "city", operator: "startsWith", value: "Ma" },
        { attribute: "birthDate", operator: "lte", value: "1990-12-31" },
        { combinator: "or", conditions: [{ attribute: "score", operator: "in", value: [1, 2.5] }, { attribute: "vip", operator: "neq", value: true }] },
        { attribute: "tier", operator: "isEmpty" },
      ],
    });
    expect(validateRule(rule, types)).toEqual([]);
  });

  it("points at each condition that does not fit, nested ones included", () => {
    const rule = ZSegmentRule.parse({
      combinator: "or",
      conditions: [
        { attribute: "height", operator: "eq", value: 1 },
        { attribute: "vip", operator: "gt", value: true },
        { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "x" }, { attribute: "score", operator: "in", value: [1, "2"] }] },
        { attribute: "birthDate", operator: "eq", value: "1990-02-30x" },
        { attribute: "city", operator: "lt", value: "m" },
      ],
    });
    expect(validateRule(rule, types)).toEqual([
      { path: "rule.conditions.0.attribute", message: ruleIssueMessages.unknownAttribute },
      { path: "rule.conditions.1.operator", message: ruleIssueMessages.operator },
      { path: "rule.conditions.2.conditions.1.value", message: ruleIssueMessages.value },
      { path: "rule.conditions.3.value", message: ruleIssueMessages.value },
      { path: "rule.conditions.4.operator", message: ruleIssueMessages.operator },
    ]);
  });
});

describe("ZSegmentRule", () => {
  const condition = { attribute: "city", operator: "eq", value: "Madrid" };
  it.each([
    ["no condition", { combinator: "and", conditions: [] }],
    ["isEmpty with a value", { combinator: "and", conditions: [{ attribute: "city", operator: "isEmpty", value: "" }] }],
    ["an empty in list", { combinator: "and", conditions: [{ attribute: "city", operator: "in", value: [] }] }],
    ["a list for eq", { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: ["a"] }] }],
    ["an empty text", { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "" }] }],
    ["a group in a group", { combinator: "and", conditions: [{ combinator: "or", conditions: [{ combinator: "and", conditions: [condition] }] }] }],
    ["an unknown operator", { combinator: "and", conditions: [{ attribute: "city", operator: "like", value: "a" }] }],
    ["51 conditions", { combinator: "and", conditions: [{ combinator: "or", conditions: Array(26).fill(condition) }, ...Array(25).fill(condition)] }],
  ])("refuses %s", (_name, rule) => {
    expect(ZSegmentRule.safeParse(rule).success).toBe(false);
  });

  it("trims names and defaults the description", () => {
    expect(ZSegmentInput.parse({ name: "  Madrid ", rule: { combinator: "and", conditions: [condition] } })).toMatchObject({ name: "Madrid", description: "" });
  });
});
