import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../db/client";
import type { enqueueEvent as realEnqueueEvent } from "../events/enqueue-event";
import { seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { executeRun } from "./execute-run";
import { requestRefresh } from "./request-refresh";
import { createRegistrationWatching, createSource, scope } from "../testing/factories";

// The outbox step fails after the event and its deliveries were written inside the
// refresh's final transaction: nothing of that transaction may remain.
const failing = vi.hoisted(() => ({ types: new Set<string>() }));
vi.mock("../events/enqueue-event", async (importOriginal) => {
  const actual = await importOriginal<{ enqueueEvent: typeof realEnqueueEvent }>();
  return {
    enqueueEvent: async (...args: Parameters<typeof realEnqueueEvent>) => {
      const result = await actual.enqueueEvent(...args);
      if (failing.types.has(args[1].type)) throw new Error(`injected failure after writing ${args[1].type}`);
      return result;
    },
  };
});

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

const setUp = async () => {
  const source = await createSource({ kind: "upload", upload: "email\nnew@example.com\nnewer@example.com\n" });
  await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });
  await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
  await getDb().dataSourceRow.create({ data: { dataSourceId: source.id, runId: "earlier", rowNumber: 1, data: { email: "old@example.com" } } });
  return source;
};

const state = async (dataSourceId: string, runId: string) => ({
  run: await getDb().dataSourceRun.findUniqueOrThrow({ where: { id: runId } }),
  rows: (await getDb().dataSourceRow.findMany({ where: { dataSourceId } })).map((r) => r.data),
  events: (await getDb().event.findMany({ where: scope })).filter((e) => JSON.parse(e.payload).data.run.id === runId),
  deliveries: await getDb().delivery.count({ where: { ...scope, event: { payload: { contains: runId } } } }),
});

describe("the refresh's final transaction is all or nothing", () => {
  it("when writing the success fails, no rows, run result, event or delivery of it remain; the run is recorded failed instead", async () => {
    failing.types = new Set(["datasource.refresh.succeeded"]);
    const source = await setUp();
    const queued = await requestRefresh(scope, source.id);
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const run = await executeRun(queued.id);
    consoleError.mockRestore();

    expect(run).toMatchObject({ status: "failed", rowCount: null, error: { code: "internal_error" } });
    const after = await state(source.id, queued.id);
    expect(after.rows).toEqual([{ email: "old@example.com" }]);
    expect(after.events.map((e) => e.type)).toEqual(["datasource.refresh.failed"]);
    expect(after.deliveries).toBe(1);
    expect(after.run).toMatchObject({ status: "failed", rowCount: null, activeKey: null });
  });

  it("when writing the failure fails too, the run stays running under its lease (to be retried), with no event and the old rows", async () => {
    failing.types = new Set(["datasource.refresh.succeeded", "datasource.refresh.failed"]);
    const source = await setUp();
    const queued = await requestRefresh(scope, source.id);
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const run = await executeRun(queued.id);
    consoleError.mockRestore();

    expect(run).toBeNull();
    const after = await state(source.id, queued.id);
    expect(after.rows).toEqual([{ email: "old@example.com" }]);
    expect(after.events).toEqual([]);
    expect(after.deliveries).toBe(0);
    expect(after.run).toMatchObject({ status: "running", finishedAt: null, rowCount: null, errorCode: null, activeKey: source.id });
    expect(after.run.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("a source deleted while its refresh runs leaves nothing behind", async () => {
    failing.types = new Set();
    const source = await setUp();
    const queued = await requestRefresh(scope, source.id);
    const { claimRun } = await import("./claim-run");
    const { executeClaimedRun } = await import("./execute-run");
    const claimed = await claimRun(getDb(), { runId: queued.id });
    // Its triggers go first: the foreign key keeps a data source that triggers use.
    await getDb().triggerRegistration.deleteMany({ where: { dataSourceId: source.id } });
    await getDb().dataSource.delete({ where: { id: source.id } });
    expect(await executeClaimedRun(getDb(), claimed!)).toBeNull();
    expect(await getDb().dataSourceRow.count({ where: { dataSourceId: source.id } })).toBe(0);
    expect(await getDb().dataSourceRun.count({ where: { id: queued.id } })).toBe(0);
    expect(await getDb().event.count({ where: { ...scope, payload: { contains: queued.id } } })).toBe(0);
  });
});
