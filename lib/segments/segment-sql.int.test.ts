import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { seedIdentity, scope } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { type TAttributeType, standardAttributes } from "../unification/attributes";
import { attributeTypesOf } from "../unification/attribute-definitions";
import { segmentWhere } from "./compile-rule";
import { type ProfileValues, ruleMatches } from "./rule-evaluator";
import { ruleCombinators, ruleOperators } from "./rule-vocabulary";
import type { TRuleCondition, TRuleGroup, TSegmentRule } from "./schemas";

// The SQL of a rule (compile-rule.ts) against its in-memory meaning (rule-evaluator.ts), on random
// profiles and random rules, on the database this project runs on (SQLite or PostgreSQL): the
// same members, to the id. Values are drawn from small pools so that conditions hit as often as
// they miss: case variants, non-ASCII letters, LIKE's wildcards, empty texts, nulls, and custom
// values of the wrong JSON type.

useTestDatabase();

const OTHER_INSTANCE = "segment-sql-other";
const customAttributes = [
  { name: "tier", type: "text" },
  { name: "score", type: "number" },
  { name: "joinedOn", type: "date" },
  { name: "vip", type: "boolean" },
] as const;
const types = attributeTypesOf([...customAttributes]);
// Named by rules, defined nowhere: reads as empty.
const GHOST = "ghost";

const letters = ["a", "A", "é", "É", "ß", "İ", "i", "%", "_", "!", " "];
const text = (minLength: number) => fc.array(fc.constantFrom(...letters), { minLength, maxLength: 4 }).map((chars) => chars.join(""));
const number = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -1.25, 2.5, 1e6));
const date = fc.constantFrom("1980-01-01", "1990-06-15", "1990-06-16", "2000-12-31");
const valueOf: Record<TAttributeType, fc.Arbitrary<string | number | boolean>> = { text: text(1), number, date, boolean: fc.boolean() };

const orNull = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 4 });
// Any JSON value a custom attribute may hold, of its type or not (a value written under an earlier type).
const anyCustomValue = (type: TAttributeType) =>
  fc.oneof({ weight: 6, arbitrary: orNull(valueOf[type]) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("", "3", 3, true, "1990-06-15") });

const profile: fc.Arbitrary<ProfileValues> = fc.record({
  ...Object.fromEntries(standardAttributes.map((a) => [a.name, a.type === "date" ? orNull(fc.oneof(date, fc.constant(""))) : orNull(text(0))])),
  customAttributes: fc
    .record(Object.fromEntries(customAttributes.map((a) => [a.name, anyCustomValue(a.type)])), { requiredKeys: [] })
    .map((values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))),
}) as fc.Arbitrary<ProfileValues>;

const attributeNames = [...types.keys(), GHOST];
const condition: fc.Arbitrary<TRuleCondition> = fc
  .record({
    attribute: fc.constantFrom(...attributeNames),
    operator: fc.constantFrom(...ruleOperators),
    // Usually the attribute's own type; sometimes another, which must then match nothing.
    valueType: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<TAttributeType>("text", "number", "date", "boolean") }),
  })
  .chain(({ attribute, operator, valueType }): fc.Arbitrary<TRuleCondition> => {
    const type = valueType ?? types.get(attribute) ?? "text";
    if (operator === "isEmpty") return fc.constant({ attribute, operator: "isEmpty" as const });
    const value = type === "boolean" ? valueOf.text : valueOf[type];
    if (operator === "in") return fc.array(value as fc.Arbitrary<string | number>, { minLength: 1, maxLength: 3 }).map((list) => ({ attribute, operator: "in" as const, value: list }));
    return valueOf[type].map((v) => ({ attribute, operator, value: v }) as TRuleCondition);
  });

const group: fc.Arbitrary<TRuleGroup> = fc.record({ combinator: fc.constantFrom(...ruleCombinators), conditions: fc.array(condition, { minLength: 1, maxLength: 3 }) });
const rule: fc.Arbitrary<TSegmentRule> = fc.record({
  combinator: fc.constantFrom(...ruleCombinators),
  conditions: fc.array(fc.oneof({ weight: 3, arbitrary: condition }, { weight: 1, arbitrary: group }), { minLength: 1, maxLength: 4 }),
});

const rows = (instanceId: string, profiles: ProfileValues[]) =>
  profiles.map((p, i) => ({
    ...p,
    id: `${instanceId}-p${String(i).padStart(3, "0")}`,
    tenantId: scope.tenantId,
    instanceId,
    searchText: "",
    sourceRecordCount: 1,
    fingerprint: "",
    runId: "run_property",
    createdAt: new Date(),
    updatedAt: new Date(),
  })) as Prisma.CustomerProfileCreateManyInput[];

beforeAll(async () => {
  const db = getDb();
  await seedIdentity(db);
  await db.instance.create({ data: { id: OTHER_INSTANCE, tenantId: scope.tenantId, name: "Other" } });
});

describe("a segment rule's SQL", () => {
  it("selects exactly the profiles the in-memory evaluator does", async () => {
    const db = getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(profile, { minLength: 1, maxLength: 25 }), fc.array(rule, { minLength: 8, maxLength: 8 }), async (profiles, rules) => {
        await db.customerProfile.deleteMany({});
        await db.customerProfile.createMany({ data: [...rows(scope.instanceId, profiles), ...rows(OTHER_INSTANCE, profiles)] });
        const ids = rows(scope.instanceId, profiles).map((row) => row.id);
        for (const r of rules) {
          const expected = ids.filter((_, i) => ruleMatches(profiles[i]!, r, types));
          const found = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "CustomerProfile" WHERE ${segmentWhere(db, scope, r, types)} ORDER BY "id"`;
          expect(found.map((row) => row.id), JSON.stringify(r)).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("ignores the case of ASCII letters only, and takes % and _ literally", async () => {
    const db = getDb();
    await db.customerProfile.deleteMany({});
    const profiles: ProfileValues[] = [
      { city: "Madrid", customAttributes: {} },
      { city: "MADRID", customAttributes: {} },
      { city: "Ávila", customAttributes: {} },
      { city: "100%_off", customAttributes: {} },
      { city: "", customAttributes: {} },
      { city: null, customAttributes: {} },
    ];
    await db.customerProfile.createMany({ data: rows(scope.instanceId, profiles) });
    const members = async (r: TSegmentRule) =>
      (await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "CustomerProfile" WHERE ${segmentWhere(db, scope, r, types)} ORDER BY "id"`).map((row) =>
        Number(row.id.slice(-3)),
      );
    const one = (c: TRuleCondition): TSegmentRule => ({ combinator: "and", conditions: [c] });
    expect(await members(one({ attribute: "city", operator: "eq", value: "madrid" }))).toEqual([0, 1]);
    expect(await members(one({ attribute: "city", operator: "eq", value: "ávila" }))).toEqual([]);
    expect(await members(one({ attribute: "city", operator: "contains", value: "%_" }))).toEqual([3]);
    expect(await members(one({ attribute: "city", operator: "startsWith", value: "_" }))).toEqual([]);
    // neq keeps the profiles that have a city; isEmpty finds the empty and missing ones.
    expect(await members(one({ attribute: "city", operator: "neq", value: "madrid" }))).toEqual([2, 3]);
    expect(await members(one({ attribute: "city", operator: "isEmpty" }))).toEqual([4, 5]);
  });
});
