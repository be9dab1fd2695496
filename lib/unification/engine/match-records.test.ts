import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TNormalization, TPrecision } from "../attributes";
import { similar } from "./fuzzy-levels";
import { matchRecords } from "./match-records";
import { normalizeValue } from "./normalize";
import type { MappedRecord, MatchOptions, RuleWithId } from "./types";

const options: MatchOptions = { defaultPhoneCountry: "ES" };

// The definition blocking must agree with: compare every pair with every condition.
function bruteForceRuleMatches(rule: RuleWithId, a: MappedRecord, b: MappedRecord): boolean {
  return rule.conditions.every((condition) => {
    const left = normalizeValue(a.values[condition.attribute] ?? null, condition.normalizations, options);
    const right = normalizeValue(b.values[condition.attribute] ?? null, condition.normalizations, options);
    return left !== null && right !== null && similar(left, right, condition.precision);
  });
}

function bruteForce(records: MappedRecord[], rules: RuleWithId[]) {
  // The same definition as bruteForceRuleMatches, with each record's values normalized once.
  const normalizedValues = rules.map((rule) =>
    rule.conditions.map((condition) => records.map((record) => normalizeValue(record.values[condition.attribute] ?? null, condition.normalizations, options))),
  );
  const matches = (ruleIndex: number, a: number, b: number) =>
    rules[ruleIndex]!.conditions.every((condition, conditionIndex) => {
      const values = normalizedValues[ruleIndex]![conditionIndex]!;
      const [left, right] = [values[a]!, values[b]!];
      return left !== null && right !== null && similar(left, right, condition.precision);
    });
  const perRule = rules.map(() => 0);
  const adjacency = records.map(() => [] as number[]);
  let distinct = 0;
  for (let a = 0; a < records.length; a++) {
    for (let b = a + 1; b < records.length; b++) {
      let any = false;
      rules.forEach((_, index) => {
        if (matches(index, a, b)) {
          perRule[index]!++;
          any = true;
        }
      });
      if (any) {
        distinct++;
        adjacency[a]!.push(b);
        adjacency[b]!.push(a);
      }
    }
  }
  const seen = new Set<number>();
  const components: number[][] = [];
  for (let start = 0; start < records.length; start++) {
    if (seen.has(start)) continue;
    const component = [start];
    seen.add(start);
    for (let head = 0; head < component.length; head++) {
      for (const other of adjacency[component[head]!]!) {
        if (!seen.has(other)) {
          seen.add(other);
          component.push(other);
        }
      }
    }
    components.push(component.sort((x, y) => x - y));
  }
  return { perRule, distinct, components };
}

// Small alphabets and short values so that equal and near values are common, blocks are large
// (beyond the engine's small-block and all-pairs thresholds) and the fuzzy index is exercised.
const letter = fc.constantFrom("a", "b", "c", "A", "é", " ");
const text = (maxLength: number) => fc.option(fc.string({ unit: letter, maxLength }), { nil: null, freq: 6 });
// Names from a small pool of near neighbours, so records share values and similar values meet in groups.
const namePool = ["maria", "marias", "mario", "María", "MARIA ", "joan", "juan", "joana", "josep", "josef", "pep", "montserrat", "montserat", "montsarrat", "Fernández", "fernandez", "fernandes"];
const name = fc.option(fc.constantFrom(...namePool), { nil: null, freq: 8 });
const recordArbitrary = fc.record({
  sourceIndex: fc.integer({ min: 0, max: 2 }),
  values: fc.record({ tier: fc.constantFrom("x", "X", "y", null), city: text(2), name, email: text(12) }),
});
const conditionArbitrary = fc.record({
  attribute: fc.constantFrom("tier", "city", "name", "email"),
  normalizations: fc.subarray<TNormalization>(["trim", "lowercase", "ascii"]),
  precision: fc.constantFrom<TPrecision>("exact", "high", "medium", "low"),
});
const rulesArbitrary = fc.array(fc.array(conditionArbitrary, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((ruleConditions) =>
  ruleConditions.map((conditions, index): RuleWithId => ({ id: `rule_${index}`, name: `Rule ${index}`, conditions })),
);
const recordsArbitrary = (maxLength: number) =>
  fc.array(recordArbitrary, { minLength: 0, maxLength, size: "max" }).map((records) =>
    records.map((record, index): MappedRecord => ({ ...record, key: `k${index}`, recency: null })),
  );

// Property runs compare with an all-pairs brute force: seconds on a busy machine.
describe("matchRecords", { timeout: 60_000 }, () => {
  it("finds every pair all-pairs finds, per rule and overall, and profiles are the connected components", () => {
    fc.assert(
      fc.property(recordsArbitrary(220), rulesArbitrary, (records, rules) => {
        const result = matchRecords(records, rules, options);
        const expected = bruteForce(records, rules);
        expect(result.counts.rules.map((rule) => rule.matchedPairs)).toEqual(expected.perRule);
        expect(result.counts.matchedPairs).toBe(expected.distinct);
        expect(result.components).toEqual(expected.components);
        expect(result.counts.candidatePairs).toBeGreaterThanOrEqual(Math.max(0, ...expected.perRule));
      }),
      { numRuns: 200 },
    );
  });

  it("finds every pair of fuzzy-only rules on many distinct values", () => {
    const fuzzyOnly = fc.array(conditionArbitrary.map((condition) => ({ ...condition, attribute: "email", precision: condition.precision === "exact" ? ("low" as const) : condition.precision })), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(recordsArbitrary(300), fuzzyOnly, (records, conditions) => {
        const rules: RuleWithId[] = [{ id: "rule_f", name: "Fuzzy", conditions }];
        const result = matchRecords(records, rules, options);
        const expected = bruteForce(records, rules);
        expect(result.counts.rules[0]!.matchedPairs).toBe(expected.perRule[0]);
        expect(result.components).toEqual(expected.components);
      }),
      { numRuns: 60 },
    );
  });

  it("links every record but each component's first through a tree of real matches, earlier rules first", () => {
    fc.assert(
      fc.property(recordsArbitrary(120), rulesArbitrary, (records, rules) => {
        const result = matchRecords(records, rules, options);
        const componentOf = new Map<number, number>();
        result.components.forEach((component, index) => component.forEach((record) => componentOf.set(record, index)));
        result.joinedBy.forEach((link, record) => {
          const component = result.components[componentOf.get(record)!]!;
          if (record === component[0]) {
            expect(link).toBeNull();
            return;
          }
          expect(link).not.toBeNull();
          expect(bruteForceRuleMatches(rules[link!.ruleIndex]!, records[record]!, records[link!.matchedRecordIndex]!)).toBe(true);
          // Following the links reaches the root without a cycle.
          const path = new Set<number>([record]);
          let current = link!.matchedRecordIndex;
          while (result.joinedBy[current]) {
            expect(path.has(current)).toBe(false);
            path.add(current);
            current = result.joinedBy[current]!.matchedRecordIndex;
          }
          expect(current).toBe(component[0]);
        });
      }),
      { numRuns: 80 },
    );
  });

  it("counts a large exact block arithmetically and links it without comparing pairs", () => {
    const records: MappedRecord[] = Array.from({ length: 5000 }, (_, index) => ({
      sourceIndex: index % 3,
      key: String(index),
      values: { email: index % 2 ? "Same@Example.com " : null, phone: "600 11 12 22" },
      recency: null,
    }));
    const rules: RuleWithId[] = [
      { id: "rule_email", name: "Email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"], precision: "exact" }] },
      { id: "rule_phone", name: "Phone", conditions: [{ attribute: "phone", normalizations: ["phoneE164"], precision: "exact" }] },
    ];
    const started = performance.now();
    const result = matchRecords(records, rules, options);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.components).toHaveLength(1);
    expect(result.counts.rules.map((rule) => rule.matchedPairs)).toEqual([(2500 * 2499) / 2, (5000 * 4999) / 2]);
    expect(result.counts.matchedPairs).toBe((5000 * 4999) / 2);
    expect(result.joinedBy[1]).toEqual({ ruleIndex: 1, matchedRecordIndex: 0 });
    expect(result.joinedBy[3]).toEqual({ ruleIndex: 0, matchedRecordIndex: 1 });
  });

  it("never matches records without a value, and keeps unmatched records as their own profiles", () => {
    const records: MappedRecord[] = [
      { sourceIndex: 0, key: "a", values: { email: "" }, recency: null },
      { sourceIndex: 1, key: "b", values: { email: null }, recency: null },
      { sourceIndex: 1, key: "c", values: { email: "---" }, recency: null },
      { sourceIndex: 0, key: "d", values: { email: "x@y.com" }, recency: null },
    ];
    const rules: RuleWithId[] = [{ id: "rule_e", name: "E", conditions: [{ attribute: "email", normalizations: ["punctuation"], precision: "low" }] }];
    const result = matchRecords(records, rules, options);
    expect(result.components).toEqual([[0], [1], [2], [3]]);
    expect(result.joinedBy).toEqual([null, null, null, null]);
    expect(result.counts).toEqual({ candidatePairs: 0, matchedPairs: 0, rules: [{ ruleId: "rule_e", name: "E", matchedPairs: 0 }] });
  });
});
