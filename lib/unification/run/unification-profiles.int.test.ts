import { beforeAll, describe, expect, it } from "vitest";
import * as configRoute from "@/app/api/v1/instances/[instanceId]/unification/config/route";
import * as runsRoute from "@/app/api/v1/instances/[instanceId]/unification/runs/route";
import * as profilesRoute from "@/app/api/v1/instances/[instanceId]/profiles/route";
import * as profileRoute from "@/app/api/v1/instances/[instanceId]/profiles/[profileId]/route";
import { callRoute } from "../../api/testing/call-route";
import { getDb } from "../../db/client";
import { DEMO_INSTANCE_ID } from "../../seed/demo-identity";
import { createInstanceRegistration, createSourceWithRows, replaceSourceRows, scope, seedIdentity } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import type { TCustomerProfile, TCustomerProfileDetail, TStageCounts, TUnificationRun } from "../schemas";
import { unificationEngine } from "./engine";
import { executeUnificationRun } from "./execute-run";

useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
const params = { instanceId: DEMO_INSTANCE_ID };

const crmColumns = ["id", "email", "first", "last", "points"];
const crmRows = [
  { id: "c1", email: "ann@example.com", first: "Ann", last: "Smith", points: "10" },
  { id: "c2", email: "BOB@example.com", first: "Bob", last: "Jones", points: "5" },
  { id: "c3", email: "carol@example.com", first: "Carol", last: "White", points: "not a number" },
];
const shopColumns = ["order", "mail", "name", "surname", "points"];
const shopRows = [
  { order: "s1", mail: " Ann@Example.com", name: "Anna", surname: "Smith", points: "7" },
  { order: "s2", mail: "bob@example.com", name: "Bob", surname: "Jonse", points: "" },
  { order: "s3", mail: "dave@example.com", name: "Dave", surname: "Black", points: "1" },
  { order: "", mail: "nobody@example.com", name: "No", surname: "Key", points: "" },
];

let crm = "";
let shop = "";
let registrationId = "";

const startAndRun = async (engine = unificationEngine) => {
  const started = await callRoute<{ run: TUnificationRun }>(runsRoute.POST, { as: "Contributor", method: "POST", path: `${base}/unification/runs`, params });
  expect(started.status, started.text).toBe(202);
  const finished = await executeUnificationRun(started.json.run.id, engine);
  expect(finished).not.toBeNull();
  return finished!;
};

const listProfiles = (query = "") =>
  callRoute<{ profiles: TCustomerProfile[]; total: number }>(profilesRoute.GET, { as: "Viewer", method: "GET", path: `${base}/profiles${query}`, params });
const getProfile = (profileId: string) =>
  callRoute<{ profile: TCustomerProfileDetail }>(profileRoute.GET, { as: "Viewer", method: "GET", path: `${base}/profiles/${profileId}`, params: { ...params, profileId } });

const byFirstRecord = (profiles: TCustomerProfile[]) => Object.fromEntries(profiles.map((p) => [String(p.attributes.lastName), p]));

const snapshot = async () =>
  JSON.stringify([
    await getDb().customerProfile.findMany({ where: scope, orderBy: { id: "asc" } }),
    await getDb().profileSourceRecord.findMany({ where: scope, orderBy: [{ dataSourceId: "asc" }, { recordKey: "asc" }] }),
  ]);

beforeAll(async () => {
  await seedIdentity(getDb());
  crm = (await createSourceWithRows({ name: "CRM", columns: crmColumns, rows: crmRows })).id;
  shop = (await createSourceWithRows({ name: "Shop", columns: shopColumns, rows: shopRows })).id;
  registrationId = (await createInstanceRegistration({ type: "unification.refresh.completed" })).id;
  const config = {
    customAttributes: [{ name: "loyaltyPoints", type: "number" }],
    sources: [
      { dataSourceId: crm, primaryKeyColumn: "id", columns: [{ column: "email", attribute: "email" }, { column: "first", attribute: "firstName" }, { column: "last", attribute: "lastName" }, { column: "points", attribute: "loyaltyPoints" }] },
      { dataSourceId: shop, primaryKeyColumn: "order", columns: [{ column: "mail", attribute: "email" }, { column: "name", attribute: "firstName" }, { column: "surname", attribute: "lastName" }, { column: "points", attribute: "loyaltyPoints" }] },
    ],
    rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["trim", "lowercase"], precision: "exact" }] }],
    mergePolicies: { firstName: { kind: "sourcePriority", sourceOrder: [shop, crm] }, loyaltyPoints: { kind: "sum" } },
  };
  const saved = await callRoute(configRoute.PUT, { as: "Admin", method: "PUT", path: `${base}/unification/config`, params, body: config });
  expect(saved.status, saved.text).toBe(200);
});

describe("unification of two sources into profiles", () => {
  let firstIds: Record<string, string> = {};
  let firstProfiles: TCustomerProfile[] = [];

  it("unifies the fixture into the expected profiles, with each stage's counts and the event", async () => {
    const run = await startAndRun();
    expect(run.status, JSON.stringify(run.error)).toBe("successful");
    expect(run.stages.map((s) => s.status)).toEqual(["successful", "successful", "successful"]);
    const [map, match, merge] = run.stages.map((s) => s.counts) as [TStageCounts["map"], TStageCounts["match"], TStageCounts["merge"]];
    expect(map.recordsIn).toBe(7);
    expect(map.sources.map((s) => [s.name, s.recordsIn, s.rowsWithoutKey])).toEqual([["CRM", 3, 0], ["Shop", 4, 1]]);
    expect(map.invalidValues).toBe(1);
    expect(map.sources[0]!.invalidValues).toEqual([{ column: "points", attribute: "loyaltyPoints", count: 1, samples: ["not a number"] }]);
    expect(match.matchedPairs).toBe(2);
    expect(match.rules.map((r) => [r.name, r.matchedPairs])).toEqual([["Same email", 2]]);
    expect(merge).toEqual({ profilesOut: 4, recordsMatched: 4, matchRate: 4 / 6 });

    const list = await listProfiles();
    expect(list.status, list.text).toBe(200);
    expect(list.json.total).toBe(4);
    const profiles = byFirstRecord(list.json.profiles);
    expect(Object.keys(profiles).sort()).toEqual(["Black", "Jones", "Smith", "White"]);
    expect(profiles.Smith!.attributes).toMatchObject({ firstName: "Anna", email: "ann@example.com", loyaltyPoints: 17 });
    expect(profiles.Smith!.sourceRecordCount).toBe(2);
    expect(profiles.White!.attributes).toMatchObject({ firstName: "Carol", loyaltyPoints: null, phone: null });

    const detail = (await getProfile(profiles.Smith!.id)).json.profile;
    expect(detail.sourceRecords.map((r) => [r.dataSourceName, r.recordKey])).toEqual([["CRM", "c1"], ["Shop", "s1"]]);
    const ruleId = (await callRoute(configRoute.GET, { as: "Viewer", method: "GET", path: `${base}/unification/config`, params })).json.config.rules[0].id;
    expect(detail.sourceRecords[0]!.joinedBy).toBeNull();
    expect(detail.sourceRecords[1]!.joinedBy).toEqual({ ruleId, ruleName: "Same email", matchedRecord: { dataSourceId: crm, recordKey: "c1" } });
    expect(detail.sourceRecords[1]!.attributes).toMatchObject({ email: " Ann@Example.com".trim(), firstName: "Anna" });

    const events = (await getDb().event.findMany({ where: { ...scope, type: "unification.refresh.completed" }, include: { deliveries: true } }))
      .map((e) => ({ ...e, body: JSON.parse(e.payload) }))
      .filter((e) => e.body.data.run.id === run.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.body.data).toMatchObject({ run: { status: "successful" }, recordsIn: 7, profilesOut: 4, matchRate: 4 / 6, error: null });
    expect(events[0]!.body.data.stages[0].counts.sources[0].invalidValues[0]).toEqual({ column: "points", attribute: "loyaltyPoints", count: 1, samples: [] });
    expect(events[0]!.deliveries.map((d) => d.registrationId)).toEqual([registrationId]);

    firstProfiles = list.json.profiles;
    firstIds = Object.fromEntries(Object.entries(profiles).map(([name, p]) => [name, p.id]));
  });

  it("searches names, email and phone, and pages", async () => {
    expect((await listProfiles("?search=ANN")).json.profiles.map((p) => p.attributes.lastName)).toEqual(["Smith"]);
    expect((await listProfiles("?search=jones%20bob")).json.profiles.map((p) => p.attributes.lastName)).toEqual(["Jones"]);
    expect((await listProfiles("?search=example.com")).json.total).toBe(4);
    const page = await listProfiles("?$top=3&$skip=2");
    expect(page.json.total).toBe(4);
    expect(page.json.profiles.map((p) => p.id)).toEqual([...firstProfiles].map((p) => p.id).sort().slice(2));
  });

  const writtenBy = async () =>
    Object.fromEntries((await getDb().customerProfile.findMany({ where: scope, select: { lastName: true, runId: true } })).map((p) => [p.lastName, p.runId]));

  it("keeps every profile id, and their dates, on a rerun over unchanged data, rewriting none", async () => {
    const before = await writtenBy();
    const run = await startAndRun();
    expect(run.status).toBe("successful");
    const again = (await listProfiles()).json.profiles;
    expect(again).toEqual(firstProfiles);
    expect(await writtenBy()).toEqual(before);
    expect(Object.values(before).every((runId) => runId !== run.id)).toBe(true);
  });

  it("keeps ids while records join: a new matching record joins its profile, which keeps its id", async () => {
    await replaceSourceRows(shop, shopColumns, [...shopRows, { order: "s4", mail: "CAROL@example.com", name: "Carol", surname: "White", points: "3" }]);
    const run = await startAndRun();
    expect(run.status).toBe("successful");
    const profiles = byFirstRecord((await listProfiles()).json.profiles);
    expect(Object.fromEntries(Object.entries(profiles).map(([name, p]) => [name, p.id]))).toEqual(firstIds);
    expect(profiles.White!.sourceRecordCount).toBe(2);
    expect(profiles.White!.attributes.loyaltyPoints).toBe(3);
    expect(profiles.Smith!.updatedAt).toBe(firstProfiles.find((p) => p.id === firstIds.Smith)!.updatedAt);
    // Only the profile that changed was rewritten, with its records.
    const by = await writtenBy();
    expect(Object.entries(by).filter(([, runId]) => runId === run.id).map(([name]) => name)).toEqual(["White"]);
    const carol = (await getProfile(firstIds.White!)).json.profile;
    expect(carol.sourceRecords.map((r) => r.recordKey)).toEqual(["c3", "s4"]);
  });

  it("a failure in the match stage changes nothing users see and fires the trigger with failed", async () => {
    const before = await snapshot();
    const run = await startAndRun({
      ...unificationEngine,
      matchRecords: () => {
        throw new Error("injected");
      },
    });
    expect(run).toMatchObject({ status: "failed", error: { code: "internal_error", details: { reason: "unexpected" } } });
    expect(run.stages.map((s) => s.status)).toEqual(["successful", "failed", "skipped"]);
    expect(run.stages[0]!.counts).not.toBeNull();
    expect(await snapshot()).toBe(before);
    const event = (await getDb().event.findMany({ where: { ...scope, type: "unification.refresh.completed" }, include: { deliveries: true } }))
      .map((e) => ({ ...e, body: JSON.parse(e.payload) }))
      .find((e) => e.body.data.run.id === run.id);
    expect(event?.body.data).toMatchObject({ run: { status: "failed" }, recordsIn: 7 + 1, profilesOut: null, error: { code: "internal_error" } });
    expect(event?.deliveries.map((d) => [d.registrationId, d.status])).toEqual([[registrationId, "pending"]]);
  });

  it("a deleted mapped source is left out of the next run", async () => {
    await getDb().dataSource.delete({ where: { id: shop } });
    const run = await startAndRun();
    expect(run.status).toBe("successful");
    const list = (await listProfiles()).json;
    expect(list.total).toBe(3);
    const profiles = byFirstRecord(list.profiles);
    expect(profiles.Smith!.id).toBe(firstIds.Smith);
    expect(profiles.Smith!.attributes.firstName).toBe("Ann");
  });
});

describe("other tenants", () => {
  it("do not see these profiles: another tenant's ids answer 404", async () => {
    const profile = await getDb().customerProfile.findFirstOrThrow({ where: scope });
    const db = getDb();
    await db.tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
    await db.instance.upsert({ where: { id: "fabrikam-outdoor" }, update: {}, create: { id: "fabrikam-outdoor", tenantId: "fabrikam", name: "Fabrikam Outdoor" } });
    const { TEST_IDENTITIES } = await import("../../auth/testing/test-tokens");
    const result = await callRoute(profileRoute.GET, {
      as: TEST_IDENTITIES.fabrikamAdmin,
      method: "GET",
      path: `/api/v1/instances/fabrikam-outdoor/profiles/${profile.id}`,
      params: { instanceId: "fabrikam-outdoor", profileId: profile.id },
    });
    expect(result.status).toBe(404);
    expect(result.json.error.details.resource).toBe("customerProfile");
  });
});
