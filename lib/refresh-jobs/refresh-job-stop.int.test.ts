import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { resetSettingsCache } from "../settings/settings";
import { createSource, scope, seedIdentity, waitFor } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { claimRefreshJob } from "./claim-job";
import { taskRunners } from "./default-task-runners";
import { type RefreshJobWorker, startRefreshJobWorker } from "./refresh-job-worker";
import { requestFullRefresh } from "./request-full-refresh";

// The full refresh loop runs without the refresh loop, so its data source task waits on a run that
// nothing executes: stopping the worker must end that wait and hand the job back at once.

useTestDatabase();
let worker: RefreshJobWorker | null = null;

beforeAll(async () => {
  resetSettingsCache();
  await seedIdentity(getDb());
});

afterAll(async () => {
  await worker?.stop();
});

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);

describe("stopping the full refresh worker during a job", () => {
  it("ends the task's wait and releases the job's lease, so another worker takes it over at once", async () => {
    await createSource({ kind: "upload", name: "CRM", upload: "id\n1\n" });
    const { job } = await requestFullRefresh({ ...scope, instanceName: "Contoso Retail" });
    worker = startRefreshJobWorker(taskRunners, { pollMs: 50, runPollMs: 50, workerId: "a" });
    const task = await waitFor(async () => {
      const row = await getDb().refreshJobTask.findFirst({ where: { jobId: job.id, position: 0 } });
      return row?.status === "running" && row.runId ? row : null;
    }, 10_000);

    await within(worker.stop(), 3_000);
    worker = null;

    const row = await getDb().refreshJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("running");
    expect(row.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    const taken = await claimRefreshJob(getDb(), { workerId: "b" });
    expect(taken).toMatchObject({ id: job.id, attempts: 2 });
    // The running task keeps its run, for the new worker to wait for.
    expect(await getDb().refreshJobTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "running", runId: task.runId });
  });
});
