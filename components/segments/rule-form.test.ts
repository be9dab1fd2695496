import { describe, expect, it } from "vitest";
import { fromRule, newCondition, toRule, withAttribute } from "./rule-form";

const types = new Map([
  ["city", "text"],
  ["loyaltyPoints", "number"],
  ["birthDate", "date"],
  ["emailOptIn", "boolean"],
] as const);

describe("toRule", () => {
  it("types each value by its attribute, lists one value a line, and isEmpty without a value", () => {
    const rule = toRule(
      {
        combinator: "and",
        items: [
          { kind: "condition", key: "a", attribute: "city", operator: "eq", value: " Girona " },
          { kind: "condition", key: "b", attribute: "loyaltyPoints", operator: "gte", value: "1200" },
          {
            kind: "group",
            key: "c",
            combinator: "or",
            conditions: [
              { kind: "condition", key: "d", attribute: "emailOptIn", operator: "eq", value: "true" },
              { kind: "condition", key: "e", attribute: "loyaltyPoints", operator: "in", value: "1\n\n 2 \nx" },
              { kind: "condition", key: "f", attribute: "birthDate", operator: "isEmpty", value: "ignored" },
            ],
          },
        ],
      },
      types,
    );
    expect(rule).toEqual({
      combinator: "and",
      conditions: [
        { attribute: "city", operator: "eq", value: "Girona" },
        { attribute: "loyaltyPoints", operator: "gte", value: 1200 },
        {
          combinator: "or",
          conditions: [
            { attribute: "emailOptIn", operator: "eq", value: true },
            { attribute: "loyaltyPoints", operator: "in", value: [1, 2, "x"] },
            { attribute: "birthDate", operator: "isEmpty" },
          ],
        },
      ],
    });
  });

  it("leaves an empty number as text, for the server to point at", () => {
    const rule = toRule({ combinator: "or", items: [{ kind: "condition", key: "a", attribute: "loyaltyPoints", operator: "lt", value: "" }] }, types);
    expect(rule.conditions[0]).toEqual({ attribute: "loyaltyPoints", operator: "lt", value: "" });
  });

  it("round-trips a saved rule through the form", () => {
    const rule = {
      combinator: "or" as const,
      conditions: [
        { attribute: "city", operator: "in" as const, value: ["Girona", "Vic"] },
        { combinator: "and" as const, conditions: [{ attribute: "birthDate", operator: "gt" as const, value: "1990-01-01" }] },
      ],
    };
    expect(toRule(fromRule(rule), types)).toEqual(rule);
  });
});

describe("withAttribute", () => {
  it("keeps an operator that still applies and the value of the same type, else resets them", () => {
    const condition = { ...newCondition("city"), operator: "contains" as const, value: "Gi" };
    expect(withAttribute(condition, "loyaltyPoints", types)).toMatchObject({ attribute: "loyaltyPoints", operator: "eq", value: "" });
    const ranged = { ...newCondition("loyaltyPoints"), operator: "gt" as const, value: "5" };
    expect(withAttribute(ranged, "birthDate", types)).toMatchObject({ operator: "gt", value: "" });
    expect(withAttribute({ ...condition, operator: "neq" }, "city", types)).toMatchObject({ operator: "neq", value: "Gi" });
  });
});
