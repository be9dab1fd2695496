import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { executeRun } from "../../datasources/execute-run";
import { requestRefresh } from "../../datasources/request-refresh";
import { resetSettingsCache } from "../../settings/settings";
import { DEMO_INSTANCE_ID } from "../../seed/demo-identity";
import { clearOutbox, createInstanceRegistration, createSource, scope, seedIdentity } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { unificationEngine } from "./engine";
import { executeUnificationRun } from "./execute-run";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-incremental-unify-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
useTestDatabase();

const db = () => getDb();
const crmCsv = "id,mail,first\nc1,ann@example.com,Ann\nc2,bob@example.com,Bob\nc3,carol@example.com,Carol\n";
const shopCsv = "order,mail,points\ns1,ANN@example.com,5\ns2,dan@example.com,2\n";
let crm = "";
let shop = "";

const refreshNow = async (dataSourceId: string) => {
  const run = await requestRefresh(scope, dataSourceId);
  const finished = await executeRun(run.id, { workerId: "test" });
  if (finished?.status !== "successful") throw new Error(`The refresh did not succeed: ${JSON.stringify(finished)}`);
  return finished;
};

const unifyNow = async () => {
  const queued = await db().unificationRun.create({ data: { ...scope, status: "queued", activeKey: DEMO_INSTANCE_ID } });
  const run = await executeUnificationRun(queued.id, unificationEngine, { workerId: "test" });
  if (!run) throw new Error("The run could not be claimed.");
  return run;
};

const configure = async (defaultPhoneCountry = "US") => {
  const settings = {
    customAttributes: [],
    rules: [{ id: "rule_email", name: "Same email", conditions: [{ attribute: "email", normalizations: ["lowercase"], precision: "exact" }] }],
    mergePolicies: {},
    defaultPhoneCountry,
  };
  await db().unificationConfig.upsert({ where: { instanceId: DEMO_INSTANCE_ID }, create: { ...scope, settings }, update: { settings } });
  await db().unificationSourceMapping.deleteMany({ where: scope });
  const mapping = (primaryKeyColumn: string, columns: Array<{ column: string; attribute: string }>) => ({
    primaryKeyColumn,
    recencyColumn: null,
    recencyDateFormat: "iso",
    columns: columns.map((c) => ({ ...c, dateFormat: "iso" })),
  });
  await db().unificationSourceMapping.create({
    data: { ...scope, dataSourceId: crm, position: 0, mapping: mapping("id", [{ column: "mail", attribute: "email" }, { column: "first", attribute: "firstName" }]) },
  });
  await db().unificationSourceMapping.create({ data: { ...scope, dataSourceId: shop, position: 1, mapping: mapping("order", [{ column: "mail", attribute: "email" }]) } });
};

/** Every profile and source record as stored, ids, dates and writing run included. */
const profilesNow = async () =>
  JSON.stringify([
    await db().customerProfile.findMany({ where: scope, orderBy: { id: "asc" } }),
    await db().profileSourceRecord.findMany({ where: scope, orderBy: [{ dataSourceId: "asc" }, { recordKey: "asc" }] }),
  ]);

const eventOf = async (runId: string) =>
  (await db().event.findMany({ where: { ...scope, type: "unification.refresh.completed" }, include: { deliveries: true } }))
    .map((event) => ({ ...event, body: JSON.parse(event.payload) }))
    .filter((event) => event.body.data.run.id === runId);

const countsOf = (run: { stages: Array<{ stage: string; status: string; counts: unknown }> }) => run.stages.map(({ stage, status, counts }) => ({ stage, status, counts }));

beforeAll(async () => {
  resetSettingsCache();
  await seedIdentity(db());
  await clearOutbox(db());
  writeFileSync(path.join(sourcesDir, "crm.csv"), crmCsv);
  writeFileSync(path.join(sourcesDir, "shop.csv"), shopCsv);
  crm = (await createSource({ kind: "file", location: "crm.csv", name: "CRM" })).id;
  shop = (await createSource({ kind: "file", location: "shop.csv", name: "Shop" })).id;
  await configure();
});

afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));

describe("a unification run over the inputs of the latest successful run", () => {
  let first: Awaited<ReturnType<typeof unifyNow>>;

  it("writes no profile, reports that run's counts, is flagged and still fires its event", async () => {
    await refreshNow(crm);
    await refreshNow(shop);
    first = await unifyNow();
    expect(first).toMatchObject({ status: "successful", inputUnchanged: false });
    expect(first.stages.find((s) => s.stage === "merge")!.counts).toMatchObject({ profilesOut: 4 });
    const before = await profilesNow();

    // The nightly case: both files again, unchanged, then unification.
    expect(await refreshNow(crm)).toMatchObject({ contentUnchanged: true });
    expect(await refreshNow(shop)).toMatchObject({ contentUnchanged: true });
    const registration = await createInstanceRegistration({ type: "unification.refresh.completed" });
    const second = await unifyNow();
    expect(second).toMatchObject({ status: "successful", inputUnchanged: true, error: null });
    expect(countsOf(second)).toEqual(countsOf(first));
    expect(await profilesNow()).toBe(before);
    const stored = await db().unificationRun.findUniqueOrThrow({ where: { id: second.id } });
    expect(stored.inputHash).toBe((await db().unificationRun.findUniqueOrThrow({ where: { id: first.id } })).inputHash);

    const [event, ...more] = await eventOf(second.id);
    expect(more).toEqual([]);
    expect(event!.body.data).toMatchObject({ run: { id: second.id, status: "successful" }, recordsIn: 5, profilesOut: 4, error: null });
    expect(event!.deliveries.map((d) => d.registrationId)).toEqual([registration.id]);

    // And again: the flagged run's inputs are the same too.
    expect(await unifyNow()).toMatchObject({ status: "successful", inputUnchanged: true });
    expect(await profilesNow()).toBe(before);
  });

  it("runs in full when one source changed", async () => {
    writeFileSync(path.join(sourcesDir, "shop.csv"), shopCsv.replace("dan@", "dana@"));
    expect(await refreshNow(shop)).toMatchObject({ contentUnchanged: false });
    const run = await unifyNow();
    expect(run).toMatchObject({ status: "successful", inputUnchanged: false });
    const emails = (await db().customerProfile.findMany({ where: scope, select: { email: true } })).map((p) => p.email).sort();
    expect(emails).toContain("dana@example.com");
    expect(emails).not.toContain("dan@example.com");
    expect(await unifyNow()).toMatchObject({ inputUnchanged: true });
  });

  it("runs in full when the configuration changed", async () => {
    await configure("ES");
    const run = await unifyNow();
    expect(run).toMatchObject({ status: "successful", inputUnchanged: false });
    expect(await unifyNow()).toMatchObject({ inputUnchanged: true });
  });

  it("runs in full when the profiles were changed by anything else since", async () => {
    const profile = await db().customerProfile.findFirstOrThrow({ where: scope, orderBy: { id: "asc" } });
    await db().customerProfile.delete({ where: { id: profile.id } });
    const run = await unifyNow();
    expect(run).toMatchObject({ status: "successful", inputUnchanged: false });
    expect(await db().customerProfile.count({ where: scope })).toBe(4);

    const edited = await db().customerProfile.findFirstOrThrow({ where: scope, orderBy: { id: "asc" } });
    await db().customerProfile.update({ where: { id: edited.id }, data: { firstName: "Edited", updatedAt: new Date(Date.now() + 1000) } });
    expect(await unifyNow()).toMatchObject({ status: "successful", inputUnchanged: false });
  });

  it("a run whose latest successful run is unknown (no input hash) runs in full", async () => {
    await db().unificationRun.updateMany({ where: scope, data: { inputHash: null } });
    expect(await unifyNow()).toMatchObject({ status: "successful", inputUnchanged: false });
  });
});
