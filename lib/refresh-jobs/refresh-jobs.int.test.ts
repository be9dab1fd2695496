import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/route";
import * as jobRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/[jobId]/route";
import * as cancelRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/[jobId]/cancel/route";
import { callRoute } from "../api/testing/call-route";
import { startRefreshWorker } from "../datasources/refresh-worker";
import { requestRefresh } from "../datasources/request-refresh";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { clearOutbox, createInstanceRegistration, createSource, scope, seedIdentity, waitFor } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { unificationEngine } from "../unification/run/engine";
import { startUnificationWorker } from "../unification/run/unification-worker";
import { ZUnificationConfig } from "../unification/schemas";
import { updateConfig } from "../unification/update-config";
import { claimRefreshJob } from "./claim-job";
import { taskRunnersWith } from "./default-task-runners";
import { executeClaimedRefreshJob, executeRefreshJob } from "./execute-job";
import type { TRefreshJob } from "./schemas";
import type { ComputeSegment, TaskRunners } from "./task-runners";
import { notFound } from "../errors/app-error";
import { computeMeasure } from "../measures/compute-measure";
import { computeSegment } from "../segments/compute-segment";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-full-refresh-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/refresh-jobs`;
const params = { instanceId: DEMO_INSTANCE_ID };
const db = () => getDb();
const admin = { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: scope.tenantId, ip: null, userAgent: null };

// The segments' own computation, except for the segments a test names: those fail as a segment
// deleted during the job would (computeSegment's 404), so the dependants' skipping can be seen.
const failing = new Set<string>();
const computeSegmentUnlessFailing: ComputeSegment = async (database, input) => {
  if (failing.has(input.segmentId)) throw notFound("segment");
  return computeSegment(database, input);
};
const runners: TaskRunners = taskRunnersWith({ computeSegment: computeSegmentUnlessFailing, computeMeasure });

let loops: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  resetSettingsCache();
  await seedIdentity(db());
  // The loops that execute the jobs' data source refreshes and unification runs, as in the worker process.
  loops = [startRefreshWorker({ pollMs: 50, workerId: "refresh" }), startUnificationWorker(unificationEngine, { pollMs: 50, workerId: "unify" })];
});

afterAll(async () => {
  await Promise.all(loops.map((loop) => loop.stop()));
  rmSync(sourcesDir, { recursive: true, force: true });
});

beforeEach(async () => {
  failing.clear();
  await clearOutbox(db());
  await db().refreshJob.deleteMany({});
  await db().measure.deleteMany({});
  await db().segment.deleteMany({});
  await db().unificationRun.deleteMany({});
  await db().unificationSourceMapping.deleteMany({});
  await db().unificationConfig.deleteMany({});
  await db().dataSource.deleteMany({});
});

const start = () => callRoute<{ job: TRefreshJob }>(jobsRoute.POST, { as: "Contributor", method: "POST", path: base, params });
const getJob = (jobId: string) => callRoute<{ job: TRefreshJob }>(jobRoute.GET, { as: "Viewer", method: "GET", path: `${base}/${jobId}`, params: { ...params, jobId } });
const cancel = (jobId: string) =>
  callRoute<{ job: TRefreshJob }>(cancelRoute.POST, { as: "Contributor", method: "POST", path: `${base}/${jobId}/cancel`, params: { ...params, jobId } });

const goodSource = (name: string) => createSource({ kind: "upload", name, upload: "id,email\n1,ana@example.com\n2,ANA@example.com\n3,bo@example.com\n", requiredColumns: ["id"] });

const unify = async (dataSourceIds: string[]) =>
  updateConfig(
    { ...scope },
    ZUnificationConfig.parse({
      customAttributes: [],
      sources: dataSourceIds.map((dataSourceId) => ({ dataSourceId, primaryKeyColumn: "id", columns: [{ column: "email", attribute: "email" }] })),
      rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"] }] }],
    }),
    admin,
    "Contoso Retail",
  );

// Profiles with an email: the three unified records make two profiles (ana twice, bo once).
const segment = (name: string) => db().segment.create({ data: { ...scope, name, rule: { combinator: "and", conditions: [{ attribute: "email", operator: "contains", value: "@" }] } } });
const measure = (name: string, segmentId: string | null = null) => db().measure.create({ data: { ...scope, name, aggregation: "count", segmentId } });

const statuses = (job: TRefreshJob) => job.tasks.map((task) => [task.kind, task.subjectName, task.status, task.skipReason]);

/** The refresh.full.completed deliveries, each with the event payload it carries. */
const deliveredEvents = async () =>
  (await db().delivery.findMany({ where: scope, include: { event: true } }))
    .filter((delivery) => delivery.event.type === "refresh.full.completed")
    .map((delivery) => ({ registrationId: delivery.registrationId, body: JSON.parse(delivery.event.payload) }));

describe("a full refresh", () => {
  it("with a broken source: that task fails, what depends on it is skipped, the job fails, and the event carries every task", async () => {
    const crm = await goodSource("CRM");
    const broken = await createSource({ kind: "file", name: "Shop export", location: "missing/shop.csv" });
    await unify([crm.id, broken.id]);
    const loyal = await segment("Loyal");
    await measure("Customers");
    const forAny = await createInstanceRegistration({ type: "refresh.full.completed" });
    const forOnDemand = await createInstanceRegistration({ type: "refresh.full.completed" });
    const forScheduled = await createInstanceRegistration({ type: "refresh.full.completed" });
    await db().triggerRegistration.update({ where: { id: forOnDemand.id }, data: { submissionKind: "onDemand", parameters: { submissionKind: "onDemand" } } });
    await db().triggerRegistration.update({ where: { id: forScheduled.id }, data: { submissionKind: "scheduled", parameters: { submissionKind: "scheduled" } } });

    const started = await start();
    expect(started.status, started.text).toBe(202);
    expect(statuses(started.json.job)).toEqual([
      ["dataSource", "CRM", "queued", null],
      ["dataSource", "Shop export", "queued", null],
      ["unification", "Contoso Retail", "queued", null],
      ["segment", "Loyal", "queued", null],
      ["measure", "Customers", "queued", null],
    ]);
    expect(await db().auditEntry.count({ where: { ...scope, action: "fullRefresh.requested" } })).toBe(1);

    const job = (await executeRefreshJob(started.json.job.id, runners, { workerId: "jobs" }))!;
    expect(job.status).toBe("failed");
    expect(job.error?.code).toBe("tasks_failed");
    expect(statuses(job)).toEqual([
      ["dataSource", "CRM", "successful", null],
      ["dataSource", "Shop export", "failed", null],
      ["unification", "Contoso Retail", "skipped", "dependency_failed"],
      ["segment", "Loyal", "skipped", "dependency_failed"],
      ["measure", "Customers", "skipped", "dependency_failed"],
    ]);
    const [crmTask, brokenTask] = job.tasks;
    expect(crmTask!.counts).toEqual({ rows: 3 });
    expect(crmTask!.startedAt && crmTask!.finishedAt).toBeTruthy();
    const brokenRun = await db().dataSourceRun.findUniqueOrThrow({ where: { id: brokenTask!.runId! } });
    expect(brokenRun).toMatchObject({ status: "failed", dataSourceId: broken.id, submissionKind: "onDemand" });
    expect(brokenTask!.error).toMatchObject({ code: brokenRun.errorCode, message: brokenRun.errorMessage });
    expect(await db().segmentComputation.count({ where: { segmentId: loyal.id } })).toBe(0);
    expect(await db().unificationRun.count({ where: scope })).toBe(0);
    expect((await getJob(job.id)).json.job).toEqual(job);

    // One event, delivered to the registrations for any and for on-demand jobs, not the scheduled one.
    const delivered = await deliveredEvents();
    expect(delivered.map((d) => d.registrationId).sort()).toEqual([forAny.id, forOnDemand.id].sort());
    const { data } = delivered[0]!.body;
    expect(data.job).toMatchObject({ id: job.id, status: "failed", submissionKind: "onDemand", scheduledFor: null });
    expect(data.taskCounts).toEqual({ total: 5, successful: 1, failed: 1, skipped: 3 });
    expect(data.tasks.map((task: any) => [task.kind, task.subjectName, task.status, task.skipReason, task.error?.code ?? null])).toEqual([
      ["dataSource", "CRM", "successful", null, null],
      ["dataSource", "Shop export", "failed", null, brokenRun.errorCode],
      ["unification", "Contoso Retail", "skipped", "dependency_failed", null],
      ["segment", "Loyal", "skipped", "dependency_failed", null],
      ["measure", "Customers", "skipped", "dependency_failed", null],
    ]);
    expect(data.tasks[0].counts).toEqual({ rows: 3 });
  });

  it("a broken source that unification does not map skips nothing: unification and the segments still run", async () => {
    const crm = await goodSource("CRM");
    await createSource({ kind: "file", name: "Shop export", location: "missing/shop.csv" });
    await unify([crm.id]);
    await segment("Loyal");
    const job = (await executeRefreshJob((await start()).json.job.id, runners))!;
    expect(statuses(job)).toEqual([
      ["dataSource", "CRM", "successful", null],
      ["dataSource", "Shop export", "failed", null],
      ["unification", "Contoso Retail", "successful", null],
      ["segment", "Loyal", "successful", null],
    ]);
    expect(job).toMatchObject({ status: "failed", error: { code: "tasks_failed" } });
  });

  it("without unification configured, a broken source does not skip the segments: they read the existing profiles", async () => {
    await createSource({ kind: "file", name: "Shop export", location: "missing/shop.csv" });
    await segment("Loyal");
    await measure("Customers");
    const job = (await executeRefreshJob((await start()).json.job.id, runners))!;
    expect(statuses(job)).toEqual([
      ["dataSource", "Shop export", "failed", null],
      ["unification", "Contoso Retail", "skipped", "not_configured"],
      ["segment", "Loyal", "successful", null],
      ["measure", "Customers", "successful", null],
    ]);
    expect(job.status).toBe("failed");
  });

  it("runs every task when all goes well; a failed segment skips only the measures filtered by it", async () => {
    const crm = await goodSource("CRM");
    await unify([crm.id]);
    const good = await segment("Good");
    const bad = await segment("Bad");
    await measure("Everyone");
    await measure("Of the good", good.id);
    await measure("Of the bad", bad.id);
    failing.add(bad.id);

    const job = (await executeRefreshJob((await start()).json.job.id, runners))!;
    expect(statuses(job)).toEqual([
      ["dataSource", "CRM", "successful", null],
      ["unification", "Contoso Retail", "successful", null],
      ["segment", "Bad", "failed", null],
      ["segment", "Good", "successful", null],
      ["measure", "Everyone", "successful", null],
      ["measure", "Of the bad", "skipped", "dependency_failed"],
      ["measure", "Of the good", "successful", null],
    ]);
    expect(job.status).toBe("failed");
    expect(job.tasks[1]!.counts).toEqual({ recordsIn: 3, matchedPairs: 1, profilesOut: 2, matchRate: expect.any(Number) });
    expect(job.tasks[1]!.runId).toBe((await db().unificationRun.findFirstOrThrow({ where: scope })).id);
    expect(job.tasks[2]!.error).toMatchObject({ code: "not_found", details: { resource: "segment" } });
    expect(job.tasks[3]!.counts).toEqual({ size: 2 });
    expect(job.tasks[4]!.counts).toEqual({ value: 2 });
    expect(job.tasks[6]!.counts).toEqual({ value: 2 });
    expect(await db().segmentComputation.count({ where: { refreshJobId: job.id } })).toBe(1);

    failing.clear();
    const again = (await executeRefreshJob((await start()).json.job.id, runners))!;
    expect(again.status).toBe("successful");
    expect(again.error).toBeNull();
    expect(again.tasks.every((task) => task.status === "successful")).toBe(true);
  });

  it("without unification configured: its task is skipped as not configured, and the job can still succeed", async () => {
    await goodSource("CRM");
    await segment("Anyone");
    const { job: queued } = (await start()).json;
    expect(statuses(queued)[1]).toEqual(["unification", "Contoso Retail", "skipped", "not_configured"]);
    const job = (await executeRefreshJob(queued.id, runners))!;
    expect(job.status).toBe("successful");
    expect(statuses(job).map((task) => task[2])).toEqual(["successful", "skipped", "successful"]);
  });

  it("keeps one active job per instance: requests while it is queued get it", async () => {
    await goodSource("CRM");
    const first = await start();
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.json.job.id, b.json.job.id]).toEqual([first.json.job.id, first.json.job.id]);
    expect(await db().refreshJob.count({ where: scope })).toBe(1);
    await executeRefreshJob(first.json.job.id, runners);
    const next = await start();
    expect(next.json.job.id).not.toBe(first.json.job.id);
    const list = await callRoute(jobsRoute.GET, { as: "Viewer", method: "GET", path: `${base}?$top=1`, params });
    expect(list.status, list.text).toBe(200);
    expect(list.json.total).toBe(2);
    expect(list.json.jobs.map((job: TRefreshJob) => job.id)).toEqual([next.json.job.id]);
  });

  it("cancel: the task in hand finishes, the rest are skipped, the job ends cancelled; an ended job answers 409", async () => {
    await goodSource("First");
    await goodSource("Second");
    await goodSource("Third");
    await createInstanceRegistration({ type: "refresh.full.completed" });
    const { job: queued } = (await start()).json;
    // Cancelled while its first task runs.
    const cancelling: TaskRunners = {
      ...runners,
      dataSource: async (ctx) => {
        if (ctx.task.position === 0) expect((await cancel(queued.id)).json.job.cancelRequestedAt).toBeTruthy();
        return runners.dataSource(ctx);
      },
    };
    const job = (await executeRefreshJob(queued.id, cancelling))!;
    expect(job.status).toBe("cancelled");
    expect(statuses(job)).toEqual([
      ["dataSource", "First", "successful", null],
      ["dataSource", "Second", "skipped", "cancelled"],
      ["dataSource", "Third", "skipped", "cancelled"],
      ["unification", "Contoso Retail", "skipped", "not_configured"],
    ]);
    expect(await db().dataSourceRun.count({ where: scope })).toBe(1);
    expect((await deliveredEvents())[0]!.body.data.job.status).toBe("cancelled");
    expect(await db().auditEntry.count({ where: { ...scope, action: "fullRefresh.cancelRequested" } })).toBeGreaterThanOrEqual(1);

    const late = (await cancel(queued.id)) as unknown as { status: number; json: { error: { details: unknown } } };
    expect(late.status).toBe(409);
    expect(late.json.error.details).toMatchObject({ reason: "refresh_job_finished", status: "cancelled" });
    expect((await cancel("rjob_unknown")).status).toBe(404);
  });

  it("cancelled after a task failed: the job ends cancelled and keeps the failure as its tasks_failed error", async () => {
    await createSource({ kind: "file", name: "Broken", location: "missing/broken.csv" });
    await goodSource("Second");
    await goodSource("Third");
    const { job: queued } = (await start()).json;
    const cancelling: TaskRunners = {
      ...runners,
      dataSource: async (ctx) => {
        if (ctx.task.position === 1) await cancel(queued.id);
        return runners.dataSource(ctx);
      },
    };
    const job = (await executeRefreshJob(queued.id, cancelling))!;
    expect(statuses(job).map((task) => task[2])).toEqual(["failed", "successful", "skipped", "skipped"]);
    expect(job.status).toBe("cancelled");
    expect(job.error).toMatchObject({ code: "tasks_failed" });
  });

  it("a job whose lease expired is resumed by another worker without running finished tasks again", async () => {
    const first = await goodSource("First");
    const second = await goodSource("Second");
    await goodSource("Third");
    const { job: queued } = (await start()).json;

    // Worker A claims it, finishes the first task and starts the second, then dies (stops renewing).
    const a = (await claimRefreshJob(db(), { jobId: queued.id, workerId: "a", leaseMs: 200 }))!;
    const tasks = await db().refreshJobTask.findMany({ where: { jobId: queued.id }, orderBy: { position: "asc" } });
    const firstRun = await requestRefresh(scope, first.id);
    await waitFor(async () => (await db().dataSourceRun.findUniqueOrThrow({ where: { id: firstRun.id } })).status === "successful");
    const startedAt = new Date(Date.now() - 1000);
    await db().refreshJobTask.update({ where: { id: tasks[0]!.id }, data: { status: "successful", runId: firstRun.id, startedAt, finishedAt: new Date(), result: { counts: { rows: 3 } } } });
    const secondRun = await requestRefresh(scope, second.id);
    await db().refreshJobTask.update({ where: { id: tasks[1]!.id }, data: { status: "running", runId: secondRun.id, startedAt } });

    // Not before its lease runs out.
    expect(await claimRefreshJob(db(), { workerId: "b", now: new Date(a.leaseUntil!.getTime() - 1) })).toBeNull();
    await waitFor(async () => (await db().refreshJob.findUniqueOrThrow({ where: { id: queued.id } })).leaseUntil! < new Date());
    const job = (await executeRefreshJob(queued.id, runners, { workerId: "b" }))!;
    expect(job.status).toBe("successful");
    expect(job.tasks[0]).toMatchObject({ runId: firstRun.id, startedAt: startedAt.toISOString() });
    expect(job.tasks[1]).toMatchObject({ status: "successful", runId: secondRun.id, startedAt: startedAt.toISOString(), counts: { rows: 3 } });
    // One run per source: the finished task was not run again, the running one waited for its run.
    expect(await db().dataSourceRun.count({ where: { dataSourceId: first.id } })).toBe(1);
    expect(await db().dataSourceRun.count({ where: { dataSourceId: second.id } })).toBe(1);
    expect((await db().refreshJob.findUniqueOrThrow({ where: { id: queued.id } })).attempts).toBe(2);
    // Worker A, back from the dead, can change nothing.
    expect(await executeClaimedRefreshJob(db(), a, runners)).toBeNull();
    expect((await getJob(queued.id)).json.job).toEqual(job);
  });
});
