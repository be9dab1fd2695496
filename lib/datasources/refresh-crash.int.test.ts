import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { faultSeed, forkWorker, seededIntegers, stopWorker, type WorkerProcess } from "../worker/testing/fork-worker";
import { MAX_RUN_ATTEMPTS } from "./claim-run";
import { executeRun } from "./execute-run";
import { requestRefresh } from "./request-refresh";
import { createRegistrationWatching, createSource, eventsForRun, scope, waitFor } from "../testing/factories";

// The refresh loop runs in a child process that is SIGKILLed while it reads its CSV (the
// server has sent part of the body and holds the rest) or while it writes the rows (its
// final transaction is open). A new worker takes the run over once its short lease expires.

process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();

const LEASE_MS = 1_000;
const ROWS = 30_000;

const csv = (tag: string, rows: number) => {
  let text = "id,value\n";
  for (let i = 1; i <= rows; i++) text += `${i},${tag}-${i}\n`;
  return text;
};
const rowsOf = (tag: string, rows: number) => Array.from({ length: rows }, (_, i) => ({ id: String(i + 1), value: `${tag}-${i + 1}` }));

/** The CSV server: answers with the whole file, or sends part of it and holds the rest. */
let serve: (res: http.ServerResponse) => void = (res) => res.end();
const server = http.createServer((_req, res) => serve(res));
let csvUrl = "";

const workers: WorkerProcess[] = [];
const forkRefreshWorker = (name: string) => {
  const worker = forkWorker({ loop: "refresh", workerId: name, leaseMs: LEASE_MS, pollMs: 20, databaseUrl: database.current().target.url });
  workers.push(worker);
  return worker;
};

beforeAll(async () => {
  await seedDemoIdentity(getDb());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  csvUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.csv`;
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends `fraction` of the file, then holds the connection open; resolves once that part is sent. */
const holdPartOf = (text: string, fraction: number) =>
  new Promise<void>((resolve) => {
    serve = (res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write(text.slice(0, Math.floor(text.length * fraction)), () => resolve());
    };
  });

/** Sends the whole file; resolves once it is sent. */
const serveWhole = (text: string) =>
  new Promise<void>((resolve) => {
    serve = (res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.end(text, () => resolve());
    };
  });

/**
 * Whether another connection is inside the transaction that writes the rows. PostgreSQL: it
 * holds a row-exclusive lock on DataSourceRow. SQLite: the database's write lock has been
 * held for 5 ms on end (the only other writer, the lease renewal, holds it for well under
 * a millisecond; writing 30,000 rows takes far longer).
 */
const watchRowWriter = () => {
  const target = database.current().target;
  if (target.provider === "postgresql") {
    return {
      writing: async () => {
        const [row] = await getDb().$queryRaw<Array<{ writing: boolean }>>`SELECT EXISTS (
            SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'DataSourceRow' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS "writing"`;
        return row!.writing;
      },
      close: () => undefined,
    };
  }
  const probe = new Database(target.filePath, { timeout: 0 });
  let busySince: number | undefined;
  return {
    writing: async () => {
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
        busySince = undefined;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        busySince ??= performance.now();
      }
      return busySince !== undefined && performance.now() - busySince >= 5;
    },
    close: () => probe.close(),
  };
};

/** Polls `condition` every millisecond or so (the fixture's waitFor polls every 20 ms). */
const waitClosely = async (condition: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

const runOf = (id: string) => getDb().dataSourceRun.findUniqueOrThrow({ where: { id } });
const storedRows = async (dataSourceId: string) =>
  (await getDb().dataSourceRow.findMany({ where: { dataSourceId }, orderBy: { rowNumber: "asc" }, select: { data: true } })).map((row) => row.data);

type Phase = "reading" | "writing";

/** Starts `worker`, kills it with SIGKILL in `phase`, and checks that the run is still running with the old rows and no event. */
const killWhile = async (phase: Phase, worker: WorkerProcess, file: string, fraction: number, runId: string) => {
  const sent = phase === "reading" ? holdPartOf(file, fraction) : serveWhole(file);
  await worker.start();
  await sent;
  if (phase === "writing") {
    // Ends early if the run finished first: then the kill comes too late, which the caller sees.
    const watch = watchRowWriter();
    let probes = 0;
    try {
      await waitClosely(async () => (await watch.writing()) || (++probes % 50 === 0 && (await runOf(runId)).status !== "running"), 60_000);
    } finally {
      watch.close();
    }
  }
  worker.child.kill("SIGKILL");
  expect(await worker.exited).toEqual({ code: null, signal: "SIGKILL" });
  return runOf(runId);
};

describe("a refresh whose worker is SIGKILLed mid-run", () => {
  it("is taken over after its lease and runs again to success: the old rows until it commits, then all the new ones, one event", async () => {
    const random = seededIntegers(faultSeed("refresh crash test (runs again)"));
    // Each worker is forked ahead, loaded and connected, so that a restart is immediate.
    const reader = forkRefreshWorker("reader");
    const writer = forkRefreshWorker("writer");
    const source = await createSource({ kind: "url", location: csvUrl });
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });
    await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    void serveWhole(csv("old", 1_000));
    const earlier = await executeRun((await requestRefresh(scope, source.id)).id, { workerId: "setup" });
    expect(earlier).toMatchObject({ status: "successful", rowCount: 1_000 });
    const run = await requestRefresh(scope, source.id);
    const file = csv("new", ROWS);

    const stillOld = async (attempts: number) => {
      expect(await runOf(run.id)).toMatchObject({ status: "running", attempts, rowCount: null });
      expect(await storedRows(source.id)).toEqual(rowsOf("old", 1_000));
      expect(await eventsForRun(run.id)).toEqual([]);
    };

    const fraction = random(5, 95) / 100;
    console.log(`killing the first worker after ${Math.round(fraction * 100)} % of the file, the second while it writes the rows`);
    await killWhile("reading", reader, file, fraction, run.id);
    await stillOld(1);

    const survivor = forkRefreshWorker("survivor");
    const afterWriterKill = await killWhile("writing", writer, file, 1, run.id);
    // It was killed with its final transaction open: nothing of it may remain.
    expect(afterWriterKill.status).toBe("running");
    await stillOld(2);

    void serveWhole(file);
    await survivor.start();
    await waitFor(async () => (await runOf(run.id)).status !== "running", 60_000);
    expect(await stopWorker(survivor)).toEqual({ code: 0, signal: null });

    expect(await runOf(run.id)).toMatchObject({ status: "successful", attempts: 3, rowCount: ROWS, leaseToken: null, activeKey: null });
    expect(await storedRows(source.id)).toEqual(rowsOf("new", ROWS));
    const events = await eventsForRun(run.id);
    expect(events.map((event) => [event.type, JSON.parse(event.payload).data.run.rowCount, event.deliveries.length])).toEqual([
      ["datasource.refresh.succeeded", ROWS, 1],
    ]);
  }, 180_000);

  it(`fails as interrupted when its worker dies on each of its ${MAX_RUN_ATTEMPTS} claims, keeping every old row, one event`, async () => {
    const random = seededIntegers(faultSeed("refresh crash test (fails)"));
    const source = await createSource({ kind: "url", location: csvUrl });
    await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    void serveWhole(csv("old", 1_000));
    await executeRun((await requestRefresh(scope, source.id)).id, { workerId: "setup" });
    const run = await requestRefresh(scope, source.id);
    const file = csv("new", ROWS);

    const phases: Phase[] = Array.from({ length: MAX_RUN_ATTEMPTS }, () => (random(0, 1) ? "writing" : "reading"));
    console.log(`killing the workers while ${phases.join(", ")}`);
    let standby = forkRefreshWorker("doomed1");
    for (const [index, phase] of phases.entries()) {
      const current = standby;
      standby = forkRefreshWorker(index + 1 < MAX_RUN_ATTEMPTS ? `doomed${index + 2}` : "last");
      const killed = await killWhile(phase, current, file, random(5, 95) / 100, run.id);
      expect(killed).toMatchObject({ status: "running", attempts: index + 1 });
      expect(await storedRows(source.id)).toEqual(rowsOf("old", 1_000));
    }

    // The next claim is one too many: the run fails without reading the file again.
    let readAgain = false;
    serve = (res) => {
      readAgain = true;
      res.writeHead(500).end();
    };
    await standby.start();
    await waitFor(async () => (await runOf(run.id)).status !== "running", 60_000);
    expect(await stopWorker(standby)).toEqual({ code: 0, signal: null });
    expect(readAgain).toBe(false);

    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      attempts: MAX_RUN_ATTEMPTS + 1,
      errorCode: "interrupted",
      rowCount: null,
      leaseToken: null,
      activeKey: null,
    });
    expect(await storedRows(source.id)).toEqual(rowsOf("old", 1_000));
    const events = await eventsForRun(run.id);
    expect(events.map((event) => [event.type, event.body.data.error.code, event.deliveries.length])).toEqual([
      ["datasource.refresh.failed", "interrupted", 1],
    ]);
  }, 180_000);
});
