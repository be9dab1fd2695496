import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRefreshWorker } from "../datasources/refresh-worker";
import { getDb } from "../db/client";
import { resetSettingsCache } from "../settings/settings";
import { createSource, scope, seedIdentity, waitFor } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { forkWorker, type WorkerProcess } from "../worker/testing/fork-worker";
import { taskRunners } from "./default-task-runners";
import { requestFullRefresh } from "./request-full-refresh";
import { startRefreshJobWorker } from "./refresh-job-worker";

// The full refresh loop runs alone in a child process, SIGKILLed while its second task waits for a
// data source refresh (the CSV server holds that file). This process runs the refresh loop, and
// then a full refresh loop of its own, which takes the job over once the dead worker's lease expires.

process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const LEASE_MS = 1_000;

let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => {
  release = resolve;
});
let requested = 0;
const server = http.createServer((_req, res) => {
  requested += 1;
  void held.then(() => res.end("id,email\n1,late@example.com\n2,later@example.com\n"));
});

const workers: WorkerProcess[] = [];
const loops: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  resetSettingsCache();
  await seedIdentity(getDb());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await Promise.all(loops.map((loop) => loop.stop()));
  release();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("a full refresh whose worker is killed", () => {
  it("is taken over after its lease expires: the finished task is not run again, the running one waits for its run", async () => {
    const first = await createSource({ kind: "upload", name: "First", upload: "id\n1\n2\n3\n" });
    const second = await createSource({ kind: "url", name: "Second", location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/second.csv` });
    const third = await createSource({ kind: "upload", name: "Third", upload: "id\n1\n" });
    loops.push(startRefreshWorker({ pollMs: 20, workerId: "refresh" }));
    const { job } = await requestFullRefresh({ ...scope, instanceName: "Contoso Retail" });

    const doomed = forkWorker({ loop: "refreshJob", workerId: "doomed", leaseMs: LEASE_MS, pollMs: 20, databaseUrl: database.current().target.url });
    workers.push(doomed);
    await doomed.start();
    const tasks = () => getDb().refreshJobTask.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    // The first task is done and the second waits for its run, which waits for the held file.
    await waitFor(async () => {
      const [a, b] = await tasks();
      return a!.status === "successful" && b!.status === "running" && b!.runId !== null && requested > 0;
    }, 20_000);
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    const before = await tasks();

    release();
    loops.push(startRefreshJobWorker(taskRunners, { pollMs: 50, workerId: "survivor" }));
    const finished = await waitFor(async () => {
      const row = await getDb().refreshJob.findUniqueOrThrow({ where: { id: job.id } });
      return row.finishedAt ? row : null;
    }, 20_000);

    expect(finished).toMatchObject({ status: "successful", attempts: 2, activeKey: null });
    const after = await tasks();
    expect(after.map((task) => [task.subjectName, task.status])).toEqual([
      ["First", "successful"],
      ["Second", "successful"],
      ["Third", "successful"],
      ["Contoso Retail", "skipped"],
    ]);
    // The finished task kept its run and timings; the running one kept its run and start.
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ runId: before[1]!.runId, startedAt: before[1]!.startedAt, result: { counts: { rows: 2 } } });
    for (const source of [first, second, third]) expect(await getDb().dataSourceRun.count({ where: { dataSourceId: source.id } })).toBe(1);
    expect(requested).toBe(1);
  });
});
