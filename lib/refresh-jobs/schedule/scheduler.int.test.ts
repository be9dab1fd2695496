import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as scheduleRoute from "@/app/api/v1/instances/[instanceId]/refresh-schedule/route";
import { callRoute } from "../../api/testing/call-route";
import { createDb, getDb } from "../../db/client";
import { DEMO_INSTANCE_ID } from "../../seed/demo-identity";
import { createSource, scope, seedIdentity, waitFor } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { forkWorker, stopWorker, type WorkerProcess } from "../../worker/testing/fork-worker";
import { startScheduler } from "./scheduler";
import { tickScheduler } from "./tick-scheduler";
import { updateRefreshSchedule } from "./update-refresh-schedule";

const database = useTestDatabase();
const db = () => getDb();
const instance = { ...scope, instanceName: "Contoso Retail" };
const path = `/api/v1/instances/${DEMO_INSTANCE_ID}/refresh-schedule`;
const params = { instanceId: DEMO_INSTANCE_ID };

beforeAll(async () => {
  await seedIdentity(db());
  await createSource({ kind: "upload", name: "CRM", upload: "id\n1\n" });
});

beforeEach(async () => {
  await db().refreshJob.deleteMany({});
  await db().refreshSchedule.deleteMany({});
});

/** Saves a schedule as of `savedAt` (the scheduler never runs times before it). */
const schedule = (cronExpressions: string[], savedAt: Date, timeZone = "Europe/Madrid", enabled = true) =>
  updateRefreshSchedule(instance, { enabled, cronExpressions, timeZone }, null, db(), savedAt);

/** What a tick at this instant started, by due time. */
const tickAt = async (at: string) => (await tickScheduler(db(), new Date(at))).map((o) => [o.outcome, o.scheduledFor.toISOString()]);

/** Ends the active job, as the worker would. */
const endJobs = () => db().refreshJob.updateMany({ where: { ...scope, activeKey: { not: null } }, data: { status: "successful", finishedAt: new Date(), activeKey: null } });

const scheduledJobs = async () =>
  (await db().refreshJob.findMany({ where: { ...scope, scheduledFor: { not: null } }, orderBy: { scheduledFor: "asc" } })).map((job) => [
    job.status,
    job.submissionKind,
    job.scheduledFor!.toISOString(),
    job.errorCode,
  ]);

describe("the refresh schedule API", () => {
  it("reads as disabled until saved; a Contributor saves it; the next five times come back", async () => {
    const empty = await callRoute(scheduleRoute.GET, { as: "Viewer", method: "GET", path, params });
    expect(empty.json.schedule).toMatchObject({ enabled: false, cronExpressions: [], updatedAt: null, nextRunTimes: [] });
    const saved = await callRoute(scheduleRoute.PUT, { as: "Contributor", method: "PUT", path, params, body: { enabled: true, cronExpressions: ["0 6 * * *"], timeZone: "Europe/Madrid" } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.schedule.nextRunTimes).toHaveLength(5);
    expect(await db().auditEntry.count({ where: { ...scope, action: "fullRefresh.scheduleUpdated" } })).toBe(1);
    const refused = await callRoute(scheduleRoute.PUT, { as: "Contributor", method: "PUT", path, params, body: { enabled: true, cronExpressions: ["0 6 * *"], timeZone: "Europe/Madrid" } });
    expect(refused.status).toBe(422);
    const never = await callRoute(scheduleRoute.PUT, { as: "Contributor", method: "PUT", path, params, body: { enabled: true, cronExpressions: ["0 0 30 2 *"], timeZone: "Europe/Madrid" } });
    expect(never.status).toBe(422);
    expect(never.text).toContain("never runs");
  });
});

describe("the scheduler", () => {
  it("fires at each due time, once, and not before", async () => {
    await schedule(["0 6 * * *"], new Date("2026-01-05T00:00:00Z"));
    expect(await tickAt("2026-01-05T04:59:59Z")).toEqual([]);
    expect(await tickAt("2026-01-05T05:00:00Z")).toEqual([["queued", "2026-01-05T05:00:00.000Z"]]);
    expect(await tickAt("2026-01-05T05:00:01Z")).toEqual([]);
    await endJobs();
    expect(await tickAt("2026-01-05T05:00:02Z")).toEqual([]);
    expect(await tickAt("2026-01-06T05:00:00Z")).toEqual([["queued", "2026-01-06T05:00:00.000Z"]]);
    expect(await scheduledJobs()).toEqual([
      ["successful", "scheduled", "2026-01-05T05:00:00.000Z", null],
      ["queued", "scheduled", "2026-01-06T05:00:00.000Z", null],
    ]);
    // Its tasks were planned like an on-demand job's.
    expect(await db().refreshJobTask.count({ where: { job: { scheduledFor: new Date("2026-01-06T05:00:00Z") } } })).toBe(2);
  });

  it("replays nothing from before the schedule was saved, and after a downtime runs only the latest missed time", async () => {
    await schedule(["30 2 * * *"], new Date("2026-01-05T01:40:00Z"));
    expect(await tickAt("2026-01-05T01:41:00Z")).toEqual([]);
    // Down from then until the 8th: one job, for the 8th's time.
    expect(await tickAt("2026-01-08T09:00:00Z")).toEqual([["queued", "2026-01-08T01:30:00.000Z"]]);
    await endJobs();
    expect(await tickAt("2026-01-08T09:00:01Z")).toEqual([]);
    expect(await scheduledJobs()).toHaveLength(1);
  });

  it("saving the same schedule again keeps a missed due time; a changed one starts counting afresh", async () => {
    await schedule(["30 2 * * *"], new Date("2026-01-05T00:00:00Z"));
    // The 02:30 of the 5th is missed (no tick), then the same schedule is saved again.
    const same = await schedule(["30 2 * * *"], new Date("2026-01-05T03:00:00Z"));
    expect(same.updatedAt).toBe("2026-01-05T00:00:00.000Z");
    expect(await tickAt("2026-01-05T03:01:00Z")).toEqual([["queued", "2026-01-05T01:30:00.000Z"]]);
    await endJobs();
    const changed = await schedule(["30 3 * * *"], new Date("2026-01-06T04:00:00Z"));
    expect(changed.updatedAt).toBe("2026-01-06T04:00:00.000Z");
    expect(await tickAt("2026-01-06T04:01:00Z")).toEqual([]);
  });

  it("skips a due time that finds a job running, and records the skip", async () => {
    await schedule(["0 6 * * *"], new Date("2026-01-05T00:00:00Z"));
    const onDemand = await db().refreshJob.create({ data: { ...scope, status: "running", submissionKind: "onDemand", activeKey: scope.instanceId } });
    expect(await tickAt("2026-01-05T05:00:00Z")).toEqual([["skipped", "2026-01-05T05:00:00.000Z"]]);
    await endJobs();
    // Not started late once the running job ended.
    expect(await tickAt("2026-01-05T05:10:00Z")).toEqual([]);
    const [skipped] = await db().refreshJob.findMany({ where: { ...scope, scheduledFor: { not: null } } });
    expect(skipped).toMatchObject({ status: "cancelled", errorCode: "schedule_overlap", errorDetails: { activeJobId: onDemand.id }, activeKey: null });
  });

  it("does nothing while disabled", async () => {
    await schedule(["* * * * *"], new Date("2026-01-05T00:00:00Z"), "UTC", false);
    expect(await tickAt("2026-01-05T05:00:00Z")).toEqual([]);
  });

  it("across the spring-forward change in Europe/Madrid (2026-03-29): a daily 02:30 runs at 03:00 CEST that day", async () => {
    await schedule(["30 2 * * *"], new Date("2026-03-28T12:00:00Z"));
    // 02:00 CET jumps to 03:00 CEST at 01:00 UTC: there is no 02:30.
    expect(await tickAt("2026-03-29T00:59:59Z")).toEqual([]);
    expect(await tickAt("2026-03-29T01:00:00Z")).toEqual([["queued", "2026-03-29T01:00:00.000Z"]]);
    await endJobs();
    expect(await tickAt("2026-03-29T12:00:00Z")).toEqual([]);
    // The next day, 02:30 CEST.
    expect(await tickAt("2026-03-30T00:30:00Z")).toEqual([["queued", "2026-03-30T00:30:00.000Z"]]);
  });

  it("across the fall-back change in Europe/Madrid (2026-10-25): a daily 02:30 runs once, at the first 02:30; an hourly one at both 02:00s", async () => {
    await schedule(["30 2 * * *"], new Date("2026-10-24T12:00:00Z"));
    expect(await tickAt("2026-10-25T00:30:00Z")).toEqual([["queued", "2026-10-25T00:30:00.000Z"]]); // 02:30 CEST
    await endJobs();
    expect(await tickAt("2026-10-25T01:30:00Z")).toEqual([]); // 02:30 CET, the second one
    expect(await tickAt("2026-10-25T23:00:00Z")).toEqual([]);

    await db().refreshJob.deleteMany({});
    await schedule(["0 * * * *"], new Date("2026-10-24T23:30:00Z"));
    expect(await tickAt("2026-10-25T00:00:00Z")).toEqual([["queued", "2026-10-25T00:00:00.000Z"]]); // 02:00 CEST
    await endJobs();
    expect(await tickAt("2026-10-25T01:00:00Z")).toEqual([["queued", "2026-10-25T01:00:00.000Z"]]); // 02:00 CET
  });

  it("its loop ticks on the injected clock", async () => {
    await schedule(["0 6 * * *"], new Date("2026-01-05T00:00:00Z"));
    let now = new Date("2026-01-05T04:59:00Z");
    const scheduler = startScheduler({ clock: () => now, tickMs: 5 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await scheduledJobs()).toEqual([]);
      now = new Date("2026-01-05T05:00:00Z");
      await waitFor(async () => (await scheduledJobs()).length === 1);
    } finally {
      await scheduler.stop();
    }
    expect(await scheduledJobs()).toEqual([["queued", "scheduled", "2026-01-05T05:00:00.000Z", null]]);
  });

  it("two schedulers with their own connections ticking at the same instant start one job", async () => {
    await schedule(["0 6 * * *"], new Date("2026-01-05T00:00:00Z"));
    const other = createDb(database.current().target);
    try {
      for (const day of ["05", "06", "07"]) {
        const at = new Date(`2026-01-${day}T05:00:00Z`);
        const outcomes = (await Promise.all([tickScheduler(db(), at), tickScheduler(other, at)])).flat().map((o) => o.outcome);
        expect(outcomes.sort()).toEqual(["alreadyQueued", "queued"]);
        await endJobs();
      }
    } finally {
      await other.$disconnect();
    }
    expect((await scheduledJobs()).map((job) => job[2])).toEqual(["2026-01-05T05:00:00.000Z", "2026-01-06T05:00:00.000Z", "2026-01-07T05:00:00.000Z"]);
  });

  describe("in two worker processes", () => {
    const workers: WorkerProcess[] = [];
    afterAll(async () => {
      for (const worker of workers) worker.child.kill("SIGKILL");
    });

    it("ticking every 20 ms on the real clock, they start one job for the minute that is due", async () => {
      // Every minute, saved an hour ago: the current minute is due at once for both.
      await schedule(["* * * * *"], new Date(Date.now() - 3_600_000), "UTC");
      for (const name of ["scheduler-a", "scheduler-b"]) {
        workers.push(forkWorker({ loop: "scheduler", workerId: name, leaseMs: 1_000, pollMs: 20, databaseUrl: database.current().target.url }));
      }
      await Promise.all(workers.map((worker) => worker.ready));
      await Promise.all(workers.map((worker) => worker.start()));
      await waitFor(async () => (await scheduledJobs()).length >= 1);
      // Both keep ticking for a while over the same due minute.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await Promise.all(workers.map((worker) => stopWorker(worker)));
      const jobs = await scheduledJobs();
      // One job per due minute; a minute that came due while that job was queued is a skip marker.
      expect(new Set(jobs.map((job) => job[2])).size).toBe(jobs.length);
      expect(jobs.filter((job) => job[0] === "queued")).toHaveLength(1);
      expect(jobs.filter((job) => job[0] !== "queued").every((job) => job[3] === "schedule_overlap")).toBe(true);
    });
  });
});
