import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/v1/instances/[instanceId]/unification/runs/route";
import * as runRoute from "@/app/api/v1/instances/[instanceId]/unification/runs/[runId]/route";
import { callRoute } from "../../api/testing/call-route";
import { getDb } from "../../db/client";
import { DEMO_INSTANCE_ID } from "../../seed/demo-identity";
import { clearOutbox, createInstanceRegistration, createSourceWithRows, scope, seedIdentity, waitFor } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import type { TUnificationRun } from "../schemas";
import { claimUnificationRun } from "./claim-run";
import type { UnificationEngine } from "./engine-port";
import { unificationEngine } from "./engine";
import { executeClaimedUnificationRun, executeUnificationRun } from "./execute-run";
import { startUnificationWorker } from "./unification-worker";

useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/unification/runs`;
const params = { instanceId: DEMO_INSTANCE_ID };

/** An engine whose every stage throws: the failure a bug in a stage would be. */
class StageBroke extends Error {}
const brokenEngine: UnificationEngine = {
  mapSource: () => {
    throw new StageBroke("map broke");
  },
  matchRecords: () => {
    throw new StageBroke("match broke");
  },
  mergeProfile: () => {
    throw new StageBroke("merge broke");
  },
  assignProfileIds: () => {
    throw new StageBroke("assign broke");
  },
};

const start = () => callRoute<{ run: TUnificationRun }>(runsRoute.POST, { as: "Contributor", method: "POST", path: base, params });
const getRun = (runId: string) => callRoute<{ run: TUnificationRun }>(runRoute.GET, { as: "Viewer", method: "GET", path: `${base}/${runId}`, params: { ...params, runId } });

const db = () => getDb();

const configure = async (sources: Array<{ dataSourceId: string; columns: Array<{ column: string; attribute: string }> }>) => {
  await db().unificationConfig.upsert({
    where: { instanceId: DEMO_INSTANCE_ID },
    create: { ...scope, settings: { customAttributes: [], rules: [], mergePolicies: {}, defaultPhoneCountry: "US" } },
    update: {},
  });
  await db().unificationSourceMapping.deleteMany({ where: scope });
  for (const [position, source] of sources.entries()) {
    await db().unificationSourceMapping.create({
      data: { ...scope, dataSourceId: source.dataSourceId, position, mapping: { primaryKeyColumn: "id", recencyColumn: null, recencyDateFormat: "iso", columns: source.columns.map((c) => ({ ...c, dateFormat: "iso" })) } },
    });
  }
};

/** Profiles as an earlier successful run left them. */
const seedProfiles = async (dataSourceId: string) => {
  for (const name of ["Ann", "Bob"]) {
    await db().customerProfile.create({
      data: {
        ...scope,
        id: `prof_${name}`,
        firstName: name,
        customAttributes: {},
        searchText: name.toLowerCase(),
        sourceRecordCount: 1,
        fingerprint: name,
        runId: "run_earlier",
        createdAt: new Date("2026-01-01T00:00:00Z"),
        updatedAt: new Date("2026-01-01T00:00:00Z"),
        sourceRecords: { create: { ...scope, dataSourceId, dataSourceName: "CRM", recordKey: name, attributes: { firstName: name } } },
      },
    });
  }
};

const profilesNow = async () =>
  JSON.stringify([
    await db().customerProfile.findMany({ where: scope, orderBy: { id: "asc" } }),
    await db().profileSourceRecord.findMany({ where: scope, orderBy: [{ dataSourceId: "asc" }, { recordKey: "asc" }] }),
  ]);

const eventsOf = async (runId: string) =>
  (await db().event.findMany({ where: { ...scope, type: "unification.refresh.completed" }, include: { deliveries: true } }))
    .map((event) => ({ ...event, body: JSON.parse(event.payload) }))
    .filter((event) => event.body.data.run.id === runId);

beforeAll(async () => {
  await seedIdentity(db());
});

beforeEach(async () => {
  await clearOutbox(db());
  await db().unificationRun.deleteMany({});
  await db().customerProfile.deleteMany({});
  await db().unificationSourceMapping.deleteMany({});
  await db().unificationConfig.deleteMany({});
});

describe("unification runs", () => {
  it("queues one run per instance: a second request returns the active run", async () => {
    const first = await start();
    expect(first.status, first.text).toBe(202);
    expect(first.json.run).toMatchObject({ status: "queued", submissionKind: "onDemand", startedAt: null, error: null });
    expect(first.json.run.stages.map((s) => [s.stage, s.status])).toEqual([["map", "queued"], ["match", "queued"], ["merge", "queued"]]);
    const second = await start();
    expect(second.status).toBe(202);
    expect(second.json.run.id).toBe(first.json.run.id);
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.json.run.id, b.json.run.id]).toEqual([first.json.run.id, first.json.run.id]);
    const list = await callRoute(runsRoute.GET, { as: "Viewer", method: "GET", path: base, params });
    expect(list.json.total).toBe(1);
    expect(await db().auditEntry.count({ where: { ...scope, action: "unification.runRequested" } })).toBeGreaterThanOrEqual(1);
  });

  it("lists runs newest first, a page at a time", async () => {
    for (let i = 0; i < 3; i++) {
      await db().unificationRun.create({ data: { ...scope, id: `run_page_${i}`, status: "successful", submittedAt: new Date(Date.UTC(2026, 0, 1 + i)) } });
    }
    const page = await callRoute(runsRoute.GET, { as: "Viewer", method: "GET", path: `${base}?$top=2&$skip=1`, params });
    expect(page.status, page.text).toBe(200);
    expect(page.json.total).toBe(3);
    expect(page.json.runs.map((r: TUnificationRun) => r.id)).toEqual(["run_page_1", "run_page_0"]);
  });

  it("leases a claimed run; an expired lease is taken over, and the worker that lost it cannot finish it", async () => {
    await createInstanceRegistration({ type: "unification.refresh.completed" });
    const { run } = (await start()).json;
    const lost = await claimUnificationRun(db(), { runId: run.id, workerId: "a", leaseMs: 1 });
    expect(lost?.attempts).toBe(1);
    expect(await claimUnificationRun(db(), { workerId: "b", now: new Date(Date.now() - 1000) })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const taken = await claimUnificationRun(db(), { workerId: "b" });
    expect(taken?.id).toBe(run.id);
    expect(taken?.attempts).toBe(2);

    expect(await executeClaimedUnificationRun(db(), lost!, brokenEngine)).toBeNull();
    expect((await getRun(run.id)).json.run.status).toBe("running");
    const finished = await executeClaimedUnificationRun(db(), taken!, brokenEngine);
    // Nothing is mapped here: the taken-over run fails on its own terms, once.
    expect(finished).toMatchObject({ status: "failed", error: { code: "not_configured" } });
    expect(await eventsOf(run.id)).toHaveLength(1);
    // The instance is free for the next run.
    expect((await start()).json.run.id).not.toBe(run.id);
  });

  it("fails a run claimed past the attempts limit as interrupted, with its event", async () => {
    await createInstanceRegistration({ type: "unification.refresh.completed" });
    const { run } = (await start()).json;
    await db().unificationRun.update({ where: { id: run.id }, data: { status: "running", attempts: 3, leaseUntil: new Date(Date.now() - 1000) } });
    const finished = await executeUnificationRun(run.id, brokenEngine);
    expect(finished).toMatchObject({ status: "failed", error: { code: "interrupted", details: { attempts: 3 } } });
    expect(finished!.stages.map((s) => s.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(await eventsOf(run.id)).toHaveLength(1);
  });

  it("fails the map stage on a mapped column missing from the rows: previous profiles untouched, the trigger fires with failed", async () => {
    const crm = await createSourceWithRows({ name: "CRM missing", columns: ["id", "mail"], rows: [{ id: "1", mail: "a@example.com" }] });
    await configure([{ dataSourceId: crm.id, columns: [{ column: "mail", attribute: "email" }, { column: "first_name", attribute: "firstName" }] }]);
    await seedProfiles(crm.id);
    const registration = await createInstanceRegistration({ type: "unification.refresh.completed" });
    const before = await profilesNow();

    const { run } = (await start()).json;
    const finished = await executeUnificationRun(run.id, brokenEngine);
    expect(finished).toMatchObject({ status: "failed", error: { code: "missing_columns", details: { name: "CRM missing", columns: ["first_name"] } } });
    expect(finished!.stages.map((s) => s.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(finished!.stages[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(await profilesNow()).toBe(before);

    const [event, ...more] = await eventsOf(run.id);
    expect(more).toEqual([]);
    expect(event!.body).toMatchObject({
      type: "unification.refresh.completed",
      instanceId: DEMO_INSTANCE_ID,
      test: false,
      data: {
        instance: { id: DEMO_INSTANCE_ID },
        run: { id: run.id, status: "failed", submissionKind: "onDemand" },
        recordsIn: null,
        profilesOut: null,
        error: { code: "missing_columns" },
      },
    });
    expect(event!.body.data.stages.map((s: { status: string }) => s.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(event!.deliveries.map((d) => [d.registrationId, d.status])).toEqual([[registration.id, "pending"]]);
  });

  it("fails a run whose mapped source was never refreshed, naming it", async () => {
    const source = await db().dataSource.create({ data: { ...scope, name: "Never refreshed", kind: "upload", requiredColumns: [] } });
    await configure([{ dataSourceId: source.id, columns: [{ column: "mail", attribute: "email" }] }]);
    const { run } = (await start()).json;
    const finished = await executeUnificationRun(run.id, brokenEngine);
    expect(finished).toMatchObject({ status: "failed", error: { code: "source_not_refreshed", details: { name: "Never refreshed" } } });
  });

  it("fails the run on an error inside a stage, keeping the previous profiles and recording the stage as failed", async () => {
    const crm = await createSourceWithRows({ name: "CRM broken", columns: ["id", "mail"], rows: [{ id: "1", mail: "a@example.com" }] });
    await configure([{ dataSourceId: crm.id, columns: [{ column: "mail", attribute: "email" }] }]);
    await seedProfiles(crm.id);
    await createInstanceRegistration({ type: "unification.refresh.completed" });
    const before = await profilesNow();
    const { run } = (await start()).json;
    const finished = await executeUnificationRun(run.id, brokenEngine);
    expect(finished).toMatchObject({ status: "failed", error: { code: "internal_error", details: { reason: "unexpected" } } });
    expect(finished!.stages.map((s) => s.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(await profilesNow()).toBe(before);
    const [event] = await eventsOf(run.id);
    expect(event!.body.data.run.status).toBe("failed");
    expect(event!.deliveries).toHaveLength(1);
    expect((await getRun(run.id)).json.run.status).toBe("failed");
  });

  it("fails the run when its final transaction fails: previous profiles untouched, no profile count in the event", async () => {
    const crm = await createSourceWithRows({
      name: "CRM saving",
      columns: ["id", "mail"],
      rows: [{ id: "1", mail: "a@example.com" }, { id: "2", mail: "b@example.com" }],
    });
    await configure([{ dataSourceId: crm.id, columns: [{ column: "mail", attribute: "email" }] }]);
    await seedProfiles(crm.id);
    await createInstanceRegistration({ type: "unification.refresh.completed" });
    const before = await profilesNow();
    // Two profiles under one id: the profiles' primary key refuses the write inside the transaction.
    const clashingIds: UnificationEngine = { ...unificationEngine, assignProfileIds: ({ components }) => components.map(() => "prof_same") };
    const { run } = (await start()).json;
    const finished = await executeUnificationRun(run.id, clashingIds);
    expect(finished).toMatchObject({ status: "failed", error: { code: "internal_error", details: { reason: "saving" } } });
    expect(finished!.stages.map((s) => s.status)).toEqual(["successful", "successful", "failed"]);
    expect(await profilesNow()).toBe(before);
    const [event, ...more] = await eventsOf(run.id);
    expect(more).toEqual([]);
    expect(event!.body.data).toMatchObject({ run: { status: "failed" }, profilesOut: null, matchRate: null });
  });

  it("a run requested in the worker's process starts at once", async () => {
    const worker = startUnificationWorker(brokenEngine, { pollMs: 60_000, workerId: "wake" });
    try {
      // Let the loop find nothing and go to sleep first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { run } = (await start()).json;
      const finished = await waitFor(async () => {
        const current = (await getRun(run.id)).json.run;
        return current.status === "failed" ? current : null;
      }, 5_000);
      expect(finished.error?.code).toBe("not_configured");
    } finally {
      await worker.stop();
    }
  });
});
