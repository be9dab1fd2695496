import { describe, expect, it } from "vitest";
import { attributeTypes, mergePoliciesFor, mergePolicyFits, mergePolicyKinds } from "./attributes";

describe("merge policies by attribute type", () => {
  it("offers text the picking policies and longest", () => {
    expect(mergePoliciesFor("text")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "longest"]);
  });

  it("offers numbers max, min and sum, dates max and min, booleans only the picking policies", () => {
    expect(mergePoliciesFor("number")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "max", "min", "sum"]);
    expect(mergePoliciesFor("date")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "max", "min"]);
    expect(mergePoliciesFor("boolean")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty"]);
  });

  it("always offers the default, first non-empty", () => {
    for (const type of attributeTypes) expect(mergePolicyFits("firstNonEmpty", type)).toBe(true);
  });

  it("agrees with mergePoliciesFor for every kind and type", () => {
    for (const type of attributeTypes) {
      for (const kind of mergePolicyKinds) expect(mergePoliciesFor(type).includes(kind)).toBe(mergePolicyFits(kind, type));
    }
  });
});
