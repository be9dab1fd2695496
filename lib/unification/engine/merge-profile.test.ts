import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TAttributeType } from "../attributes";
import type { TMergePolicy } from "../schemas";
import { mergeProfile, policyAppliesTo } from "./merge-profile";
import type { MappedRecord } from "./types";

const attributeTypes = new Map<string, TAttributeType>([
  ["email", "text"],
  ["firstName", "text"],
  ["birthDate", "date"],
  ["totalSpent", "number"],
  ["optIn", "boolean"],
]);
const sourceIds = ["ds_crm", "ds_web", "ds_loyalty"];
const record = (sourceIndex: number, key: string, values: MappedRecord["values"], recency: number | null = null): MappedRecord => ({ sourceIndex, key, values, recency });

const records = [
  record(2, "L1", { email: "loyal@x.com", firstName: "Josep", birthDate: "1980-05-01", totalSpent: 10, optIn: true }, Date.UTC(2024, 5, 1)),
  record(1, "W2", { email: null, firstName: "Pep", birthDate: "1980-05-02", totalSpent: 5.5, optIn: false }, Date.UTC(2025, 0, 1)),
  record(0, "C9", { email: "crm@x.com", firstName: "Josep Maria", birthDate: null, totalSpent: null, optIn: null }, null),
  record(1, "W1", { email: "web@x.com", firstName: "J.", birthDate: "1979-12-31", totalSpent: 100, optIn: null }, Date.UTC(2023, 0, 1)),
];
const merge = (policies: Record<string, TMergePolicy>, input = records) => mergeProfile(input, { attributeTypes, policies, sourceIds });

describe("mergeProfile", () => {
  it("takes the first non-empty value in source order, then key, when no policy is set", () => {
    expect(merge({})).toEqual({ email: "crm@x.com", firstName: "Josep Maria", birthDate: "1979-12-31", totalSpent: 100, optIn: false });
  });

  it("takes values from the sources in priority order, then those the order leaves out", () => {
    const policy: TMergePolicy = { kind: "sourcePriority", sourceOrder: ["ds_loyalty", "ds_web"] };
    expect(merge({ email: policy, firstName: policy, optIn: policy })).toMatchObject({ email: "loyal@x.com", firstName: "Josep", optIn: true });
    const crmLast: TMergePolicy = { kind: "sourcePriority", sourceOrder: ["ds_web"] };
    expect(merge({ email: crmLast, firstName: crmLast })).toMatchObject({ email: "web@x.com", firstName: "J." });
  });

  it("takes the most recent record's value, a record without a date being the least recent", () => {
    const mostRecent: TMergePolicy = { kind: "mostRecent" };
    expect(merge({ email: mostRecent, firstName: mostRecent, totalSpent: mostRecent })).toMatchObject({ email: "loyal@x.com", firstName: "Pep", totalSpent: 5.5 });
  });

  it("takes the longest text, the greatest and least numbers and dates, and the sum of numbers", () => {
    expect(merge({ firstName: { kind: "longest" }, birthDate: { kind: "max" }, totalSpent: { kind: "sum" } })).toMatchObject({
      firstName: "Josep Maria",
      birthDate: "1980-05-02",
      totalSpent: 115.5,
    });
    expect(merge({ birthDate: { kind: "min" }, totalSpent: { kind: "max" } })).toMatchObject({ birthDate: "1979-12-31", totalSpent: 100 });
    expect(merge({ totalSpent: { kind: "min" } })).toMatchObject({ totalSpent: 5.5 });
  });

  it("gives null when no record has a value, and a policy that does not fit the type takes firstNonEmpty", () => {
    expect(merge({ totalSpent: { kind: "sum" } }, [records[2]!])).toMatchObject({ totalSpent: null });
    expect(policyAppliesTo("sum", "text")).toBe(false);
    expect(merge({ email: { kind: "sum" }, optIn: { kind: "max" } })).toMatchObject({ email: "crm@x.com", optIn: false });
  });

  it("does not depend on the order records come in", () => {
    const policies: Record<string, TMergePolicy> = {
      email: { kind: "mostRecent" },
      firstName: { kind: "longest" },
      birthDate: { kind: "min" },
      totalSpent: { kind: "sum" },
      optIn: { kind: "sourcePriority", sourceOrder: ["ds_web"] },
    };
    const tied = [...records, record(0, "C1", { email: "tie@x.com", firstName: "Josep Maria", optIn: true }, Date.UTC(2025, 0, 1))];
    const expected = merge(policies, tied);
    fc.assert(
      fc.property(fc.shuffledSubarray(tied, { minLength: tied.length, maxLength: tied.length }), (shuffled) => {
        expect(merge(policies, shuffled)).toEqual(expected);
      }),
    );
    expect(expected).toMatchObject({ email: "tie@x.com", firstName: "Josep Maria" });
  });
});

describe("mergeProfile of one record", () => {
  it("gives what the policies give for that record alone", () => {
    const policies: Record<string, TMergePolicy> = { email: { kind: "sum" }, firstName: { kind: "longest" }, birthDate: { kind: "max" }, totalSpent: { kind: "sum" }, optIn: { kind: "mostRecent" } };
    for (const single of records) {
      const viaPolicies = mergeProfile([single, { ...single, sourceIndex: 9, key: "copy", values: {} }], { attributeTypes, policies, sourceIds });
      expect(merge(policies, [single])).toEqual(viaPolicies);
    }
  });
});
