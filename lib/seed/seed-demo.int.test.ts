import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import type { TStageCounts, TUnificationStageResult } from "../unification/schemas";
import { getConfig } from "../unification/get-config";
import { updateConfig } from "../unification/update-config";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID } from "./demo-identity";
import { demoSourceOfGenerated, generateDemoPeople } from "./people/demo-people";
import { seedDemo } from "./seed-demo";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-seed-sources-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
const database = useTestDatabase();
const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

beforeAll(() => {
  resetSettingsCache();
});

const snapshot = async () => {
  const db = database.current().db;
  const sources = await db.dataSource.findMany({
    where: scope,
    orderBy: { name: "asc" },
    include: { runs: true, _count: { select: { rows: true, uploads: true } } },
  });
  const unification = {
    config: await db.unificationConfig.findFirst({ where: scope, select: { settings: true, updatedAt: true } }),
    runs: await db.unificationRun.findMany({ where: scope, select: { id: true, status: true } }),
    profiles: await db.customerProfile.count({ where: scope }),
  };
  const insights = {
    segments: await db.segment.findMany({ where: scope, orderBy: { name: "asc" }, select: { name: true, _count: { select: { computations: true } } } }),
    measures: await db.measure.findMany({ where: scope, orderBy: { name: "asc" }, select: { name: true, _count: { select: { computations: true } } } }),
    schedule: await db.refreshSchedule.findFirst({ where: scope, select: { cronExpressions: true, timeZone: true, updatedAt: true } }),
  };
  return {
    sources: sources.map((s) => ({
      name: s.name,
      kind: s.kind,
      location: s.location,
      uploads: s._count.uploads,
      rows: s._count.rows,
      runs: s.runs.map((r) => ({ id: r.id, status: r.status, rowCount: r.rowCount })),
    })),
    unification,
    insights,
  };
};

const pairsOf = (count: number) => (count * (count - 1)) / 2;

describe("seedDemo", () => {
  it("creates the demo data sources with one real, successful refresh each, unifies their customers, and is idempotent", async () => {
    await seedDemo(database.current().db);
    const first = await snapshot();
    expect(first.sources.map(({ runs, ...rest }) => ({ ...rest, runs: runs.map(({ id: _id, ...r }) => r) }))).toEqual([
      { name: "CRM contacts", kind: "upload", location: null, uploads: 1, rows: 1664, runs: [{ status: "successful", rowCount: 1664 }] },
      {
        name: "Loyalty members",
        kind: "file",
        location: "contoso-retail/loyalty-members.csv",
        uploads: 0,
        rows: 1136,
        runs: [{ status: "successful", rowCount: 1136 }],
      },
      { name: "Point of sale transactions", kind: "upload", location: null, uploads: 1, rows: 300, runs: [{ status: "successful", rowCount: 300 }] },
      { name: "Web store customers", kind: "upload", location: null, uploads: 1, rows: 1200, runs: [{ status: "successful", rowCount: 1200 }] },
    ]);
    expect(existsSync(path.join(sourcesDir, "contoso-retail", "loyalty-members.csv"))).toBe(true);
    // Row objects lose key order in PostgreSQL's jsonb; the run keeps the header in file order.
    const run = await getDb().dataSourceRun.findFirst({ where: { dataSource: { name: "Web store customers" } } });
    expect(run!.columns).toEqual([
      "customerId", "firstName", "lastName", "email", "phone", "postalCode", "city", "birthDate", "lastOrderAt", "lifetimeValue", "emailOptIn",
    ]);
    const sample = await getDb().dataSourceRow.findFirst({
      where: { dataSource: { name: "Web store customers" } },
      orderBy: { rowNumber: "asc" },
    });
    expect(sample!.data).toMatchObject({ customerId: "W0000001", email: expect.stringContaining("@") });

    await seedDemo(database.current().db);
    expect(await snapshot()).toEqual(first);
  });

  it("unifies the customers into about one profile per person, as the generator's truth says", async () => {
    const db = database.current().db;
    await seedDemo(db);
    const config = await db.unificationConfig.findFirst({ where: scope });
    expect(config!.settings).toMatchObject({
      customAttributes: [
        { name: "loyaltyTier", type: "text" },
        { name: "loyaltyPoints", type: "number" },
        { name: "lifetimeValue", type: "number" },
        { name: "lastOrderDate", type: "date" },
        { name: "emailOptIn", type: "boolean" },
      ],
      defaultPhoneCountry: "ES",
    });
    const mappings = await db.unificationSourceMapping.findMany({ where: scope, orderBy: { position: "asc" }, include: { dataSource: true } });
    expect(mappings.map((mapping) => mapping.dataSource.name)).toEqual(["CRM contacts", "Loyalty members", "Web store customers"]);

    const runs = await db.unificationRun.findMany({ where: scope });
    expect(runs.map((run) => run.status)).toEqual(["successful"]);
    const stages = runs[0]!.stages as unknown as TUnificationStageResult[];
    const counts = Object.fromEntries(stages.map((stage) => [stage.stage, stage.counts])) as TStageCounts;
    // Every row is unified: no row lacks its key, and every value converts.
    expect(counts.map.recordsIn).toBe(4000);
    expect(counts.map.invalidValues).toBe(0);

    // The truth: which rows the generator made from one person.
    const people = generateDemoPeople();
    const personOf = new Map<string, number>();
    for (const source of people.sources) {
      const name = demoSourceOfGenerated[source.name]!.name;
      Array.from(source.rows()).forEach((row, index) => personOf.set(`${name}|${row[source.primaryKeyColumn]}`, source.personOfRow[index]!));
    }
    const records = await db.profileSourceRecord.findMany({ where: scope, select: { profileId: true, dataSourceName: true, recordKey: true } });
    expect(records).toHaveLength(4000);
    const personsOfProfile = new Map<string, number[]>();
    for (const record of records) {
      const person = personOf.get(`${record.dataSourceName}|${record.recordKey}`);
      expect(person).toBeDefined();
      personsOfProfile.set(record.profileId, [...(personsOfProfile.get(record.profileId) ?? []), person!]);
    }
    const perPerson = new Map<number, number>();
    for (const person of personOf.values()) perPerson.set(person, (perPerson.get(person) ?? 0) + 1);
    let truthPairs = 0;
    for (const count of perPerson.values()) truthPairs += pairsOf(count);
    let profilePairs = 0;
    let truePairs = 0;
    for (const persons of personsOfProfile.values()) {
      profilePairs += pairsOf(persons.length);
      const inProfile = new Map<number, number>();
      for (const person of persons) inProfile.set(person, (inProfile.get(person) ?? 0) + 1);
      for (const count of inProfile.values()) truePairs += pairsOf(count);
    }
    const profiles = await db.customerProfile.count({ where: scope });
    expect(personsOfProfile.size).toBe(profiles);
    // Measured, and the same as bench/unify/accuracy.ts gives for these rules on these people
    // (--records 4000 --sources 3 --seed 20260415): the seeded run is the engine's, unchanged.
    // Precision 1: no profile holds two persons. Recall 1766 / 1905 = 92.7 %: the 139 pairs the
    // rules miss are records of one person that share no email (a work address, a typo, left
    // out), no phone (landline against mobile, left out) and no birth date (left out in 30 % of
    // rows), so 2,455 persons come out as 2,567 profiles. A rule on name and postal code would
    // join more of them but merges namesakes at scale (bench/unify), so the demo does without.
    expect({ persons: people.persons, profiles, truthPairs, profilePairs, truePairs }).toEqual({
      persons: 2455,
      profiles: 2567,
      truthPairs: 1905,
      profilePairs: 1766,
      truePairs: 1766,
    });
    expect(counts.merge.profilesOut).toBe(profiles);
    expect(counts.match.rules.map((rule) => [rule.name, rule.matchedPairs])).toEqual([
      ["Same email", 1337],
      ["Same phone, similar first name", 853],
      ["Same phone and birth date", 495],
      ["Similar name, same birth date", 623],
    ]);
  });

  it("merges a customer's records as the policies say: names from the CRM, contact details from the latest record, the largest spend", async () => {
    const db = database.current().db;
    await seedDemo(db);
    const crmRecord = await db.profileSourceRecord.findFirst({ where: { ...scope, dataSourceName: "CRM contacts", recordKey: "C0000004" } });
    const profile = await db.customerProfile.findFirst({
      where: { ...scope, id: crmRecord!.profileId },
      include: { sourceRecords: { orderBy: { dataSourceName: "asc" } } },
    });
    // The loyalty programme typed "Carols" and has no birth date, but its last visit is the latest record with a phone.
    expect(profile).toMatchObject({
      email: "cromerofer1863@protonmail.com",
      phone: "0034601622828",
      firstName: "Carlos",
      lastName: "Romero Fernández",
      postalCode: "17005",
      birthDate: "1955-04-14",
      customAttributes: { loyaltyTier: "Bronze", loyaltyPoints: 661, lifetimeValue: 187.37, lastOrderDate: "2022-09-24", emailOptIn: true },
    });
    expect(profile!.sourceRecords.map((record) => [record.dataSourceName, record.recordKey, record.joinedByRuleName])).toEqual([
      ["CRM contacts", "C0000004", null],
      ["Loyalty members", "L0000943", "Same email"],
      ["Web store customers", "W0000722", "Same email"],
    ]);
    expect(profile!.sourceRecords[1]!.attributes).toMatchObject({ firstName: "Carols", birthDate: null });
  });

  it("creates segments and measures over the unified profiles, each with a first value that tells something", async () => {
    const db = database.current().db;
    await seedDemo(db);
    const profiles = await db.customerProfile.count({ where: scope });
    const segments = await db.segment.findMany({ where: scope, include: { computations: true } });
    expect(segments.map((segment) => segment.name).sort()).toEqual(["Catalonia", "High-value loyalty members", "Lapsed web customers", "Reachable by email"]);
    for (const segment of segments) {
      expect(segment.computations, segment.name).toHaveLength(1);
      // A segment of nobody or of everybody would say nothing.
      expect(segment.computations[0]!.size, segment.name).toBeGreaterThan(0);
      expect(segment.computations[0]!.size, segment.name).toBeLessThan(profiles);
    }
    const measures = await db.measure.findMany({ where: scope, include: { computations: true, segment: { select: { name: true } } } });
    const valueOf = (name: string) => measures.find((measure) => measure.name === name)!.computations[0]!.value;
    expect(valueOf("Customers")).toBe(profiles);
    const reachable = segments.find((segment) => segment.name === "Reachable by email")!.computations[0]!.size;
    expect(valueOf("Customers reachable by email")).toBe(reachable);
    expect(valueOf("Total revenue")).toBeGreaterThan(100_000);
    expect(valueOf("Average customer value")).toBeGreaterThan(0);
    expect(valueOf("Loyalty points outstanding")).toBeGreaterThan(0);
  });

  it("refreshes everything every night at 02:00, Madrid time", async () => {
    const db = database.current().db;
    await seedDemo(db);
    const schedule = await db.refreshSchedule.findFirstOrThrow({ where: scope });
    expect({ enabled: schedule.enabled, cronExpressions: schedule.cronExpressions, timeZone: schedule.timeZone }).toEqual({
      enabled: true,
      cronExpressions: ["0 2 * * *"],
      timeZone: "Europe/Madrid",
    });
  });

  it("keeps a configuration the user changed, and runs no second unification", async () => {
    const db = database.current().db;
    await seedDemo(db);
    const { config } = await getConfig(scope, db);
    const audit = { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: DEMO_TENANT_ID, ip: null, userAgent: null };
    const changed = { ...config, rules: config.rules.slice(0, 1), mergePolicies: { ...config.mergePolicies, lifetimeValue: { kind: "sum" as const } } };
    await updateConfig(scope, changed, audit, "Contoso Retail", db);
    const before = await snapshot();

    await seedDemo(db);
    expect(await snapshot()).toEqual(before);
    const { config: after } = await getConfig(scope, db);
    expect(after.rules.map((rule) => rule.name)).toEqual(["Same email"]);
    expect(after.mergePolicies.lifetimeValue).toEqual({ kind: "sum" });
  });
});
