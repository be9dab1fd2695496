// npm run bench:delivery — SPEC §9 delivery targets, measured side by side in one run:
//   (a) a raw undici POST loop (50 keep-alive connections) to a local receiver: the ceiling;
//   (b) deliveries/s of one delivery worker: signed, every attempt durably logged in SQLite;
//   (c) event → first attempt latency at a steady 1,000 events/s.
// Only 127.0.0.1, bounded loops, stops by itself. BENCH_DATABASE_URL=postgresql://… also
// runs (b) and (c) against PostgreSQL (a fresh database is created and dropped).
import { type ChildProcess, fork } from "node:child_process";
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const tempDir = mkdtempSync(path.join(os.tmpdir(), "ai-bench-delivery-"));
// Before anything reads the settings: private data dir, local receiver allowed, fixed key.
process.env.DATA_DIR = tempDir;
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { Pool } = await import("undici");
const pg = (await import("pg")).default;
const { createDb } = await import("../../lib/db/client");
const { applyMigrations } = await import("../../lib/db/migrations/apply-migrations");
const { resolveDatabaseTarget } = await import("../../lib/db/provider");
const { signalDeliveriesPending } = await import("../../lib/events/delivery-signal");
const { enqueueEvent } = await import("../../lib/events/enqueue-event");
const { startDeliveryWorker } = await import("../../lib/delivery/delivery-worker");
const { closeDeliveryAgent } = await import("../../lib/delivery/send-webhook");
const { createRegistration, scope, seedIdentity } = await import("../../lib/delivery/testing/fixtures");

type Db = import("../../lib/db/client").Db;
type Target = import("../../lib/db/provider").DatabaseTarget;

const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? 5);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 50_000);
const REGISTRATIONS = 10;
const LATENCY_RATE = 1_000;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const DEADLINE_MS = 180_000;

const sampleBody = JSON.stringify({
  id: "evt_0000000000000000000000",
  type: "datasource.refresh.failed",
  timestamp: new Date().toISOString(),
  instanceId: "contoso-retail",
  test: false,
  data: {
    instance: { id: "contoso-retail", name: "Contoso Retail" },
    dataSource: { id: "ds_000000000000", name: "Web orders", kind: "upload" },
    run: { id: "run_0000", status: "failed", submissionKind: "onDemand", rowCount: null, durationMs: 1850 },
    error: { code: "missing_columns", message: "The file has no column named \"Email\"." },
  },
});

// ---- receiver process --------------------------------------------------------------
type Stats = { count: number; latencies: number[]; duplicates: number };
const startReceiver = async () => {
  const child: ChildProcess = fork(fileURLToPath(new URL("./receiver.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { kind: string } & T) => {
        if (message.kind !== kind) return;
        child.off("message", listener);
        resolve(message);
      };
      child.on("message", listener);
    });
  const { port } = await next<{ port: number }>("ready");
  return {
    url: `http://127.0.0.1:${port}/hook`,
    origin: `http://127.0.0.1:${port}`,
    reset: async () => {
      const done = next("reset");
      child.send({ kind: "reset" });
      await done;
    },
    stats: async () => {
      const done = next<Stats>("stats");
      child.send({ kind: "stats" });
      return done;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ kind: "stop" });
      }),
  };
};
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

// ---- (a) raw undici loop ----------------------------------------------------------
const rawUndiciLoop = async (receiver: Receiver) => {
  const pool = new Pool(receiver.origin, { connections: 50, pipelining: 1, keepAliveTimeout: 10_000 });
  const headers = { "content-type": "application/json" };
  let requests = 0;
  const run = async (until: number) => {
    while (Date.now() < until) {
      const response = await pool.request({ path: "/hook", method: "POST", headers, body: sampleBody });
      await response.body.dump();
      requests++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, () => run(Date.now() + 500))); // warm-up
  requests = 0;
  const started = performance.now();
  const until = Date.now() + RAW_SECONDS * 1000;
  await Promise.all(Array.from({ length: 50 }, () => run(until)));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { requests, perSecond: requests / seconds };
};

// ---- databases ---------------------------------------------------------------------
const freshDatabase = async (kind: "sqlite" | "postgresql", name: string): Promise<{ db: Db; target: Target; drop(): Promise<void> }> => {
  if (kind === "sqlite") {
    const target = resolveDatabaseTarget(`file:${path.join(tempDir, `${name}.db`)}`, tempDir);
    await applyMigrations(target);
    const db = createDb(target);
    return { db, target, drop: () => db.$disconnect() };
  }
  const serverUrl = process.env.BENCH_DATABASE_URL!;
  const database = `ai_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const target = resolveDatabaseTarget(url.toString(), tempDir);
  await applyMigrations(target);
  const db = createDb(target);
  return {
    db,
    target,
    drop: async () => {
      await db.$disconnect();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
};

const eventData = (sequence: number) => ({
  instance: { id: scope.instanceId, name: "Contoso Retail" },
  dataSource: { id: "ds_bench", name: "Web orders", kind: "upload" },
  run: {
    id: `run_${sequence}`,
    status: "failed",
    submissionKind: "scheduled",
    submittedAt: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1850,
    rowCount: null,
  },
  error: { code: "missing_columns", message: "The file has no column named \"Email\"." },
});

const waitUntil = async (condition: () => Promise<boolean>, what: string, intervalMs = 50) => {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${DEADLINE_MS / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};

// ---- (b) throughput ----------------------------------------------------------------
const throughput = async (kind: "sqlite" | "postgresql", receiver: Receiver) => {
  const { db, drop } = await freshDatabase(kind, "throughput");
  try {
    await seedIdentity(db);
    for (let i = 0; i < REGISTRATIONS; i++) await createRegistration(db, { callbackUrl: receiver.url });
    const events = DELIVERIES / REGISTRATIONS;
    for (let start = 0; start < events; start += 500) {
      await db.$transaction(async (tx) => {
        for (let i = start; i < Math.min(events, start + 500); i++) {
          await enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", dataSourceId: null, data: eventData(i) });
        }
      }, { timeout: 60_000 });
    }
    const pending = await db.delivery.count({ where: { status: "pending" } });
    await receiver.reset();
    const started = performance.now();
    const worker = startDeliveryWorker({ db, workerId: "bench" });
    try {
      await waitUntil(async () => (await db.delivery.count({ where: { status: "succeeded" } })) === pending, "all deliveries", 20);
    } finally {
      await worker.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    const attempts = await db.deliveryAttempt.count();
    const stats = await receiver.stats();
    return { pending, seconds, perSecond: pending / seconds, attempts, received: stats.count, duplicates: stats.duplicates };
  } finally {
    await drop();
  }
};

// ---- (c) latency -------------------------------------------------------------------
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const latency = async (kind: "sqlite" | "postgresql", receiver: Receiver) => {
  const { db, drop } = await freshDatabase(kind, "latency");
  try {
    await seedIdentity(db);
    await createRegistration(db, { callbackUrl: receiver.url });
    // Producer and worker share the process, as refresh and delivery loops do in
    // `npm run worker`, so the in-process signal wakes the worker after each commit.
    const worker = startDeliveryWorker({ db, workerId: "bench-latency" });
    await receiver.reset();
    const total = LATENCY_RATE * LATENCY_SECONDS;
    let sent = 0;
    let producerMs = 0;
    const started = Date.now();
    try {
      // Every 5 ms the events due by then are committed together (one transaction per
      // tick, each event stamped with its own time): a Prisma interactive transaction per
      // event costs ~1–2 ms of this one thread, so 1,000 of them a second would measure
      // the producer, not delivery.
      while (sent < total) {
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * LATENCY_RATE));
        if (due > sent) {
          const first = sent;
          const txStarted = performance.now();
          await db.$transaction(async (tx) => {
            for (let i = first; i < due; i++) {
              await enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", dataSourceId: null, data: eventData(i) });
            }
          }, { maxWait: 30_000, timeout: 30_000 });
          producerMs += performance.now() - txStarted;
          sent = due;
          signalDeliveriesPending();
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const achievedRate = total / ((Date.now() - started) / 1000);
      await waitUntil(async () => (await receiver.stats()).count >= total, "all latency deliveries");
      const stats = await receiver.stats();
      const sorted = [...stats.latencies].sort((a, b) => a - b);
      if (process.env.BENCH_VERBOSE) console.log({ producerMs, ...worker.stats() });
      return { events: total, producerMsPerEvent: producerMs / total, achievedRate, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, duplicates: stats.duplicates };
    } finally {
      await worker.stop();
    }
  } finally {
    await drop();
  }
};

// ---- report ------------------------------------------------------------------------
const machine = () => {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return { nproc: execSync("nproc").toString().trim(), node: process.version, cpu };
};

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const main = async () => {
  const receiver = await startReceiver();
  const rows: string[] = [];
  try {
    const info = machine();
    console.log(`Machine: ${info.nproc} cores, ${info.cpu}, Node ${info.node}`);
    console.log(`(a) raw undici POST loop, 50 keep-alive connections, ${RAW_SECONDS} s…`);
    const raw = await rawUndiciLoop(receiver);
    rows.push(`| (a) raw undici POST loop (ceiling) | — | ${fmt(raw.perSecond)} req/s | — |`);

    const kinds: Array<"sqlite" | "postgresql"> = ["sqlite", ...(process.env.BENCH_DATABASE_URL ? (["postgresql"] as const) : [])];
    for (const kind of kinds) {
      console.log(`(b) ${kind}: ${fmt(DELIVERIES)} deliveries to ${REGISTRATIONS} registrations…`);
      const result = await throughput(kind, receiver);
      const ratio = result.perSecond / raw.perSecond;
      const ok = result.perSecond >= 5000 && ratio >= 0.2;
      rows.push(
        `| (b) worker deliveries/s, ${kind} | ≥ 5,000/s and ≥ 0.2 × (a) | ${fmt(result.perSecond)}/s (${fmt(result.pending)} in ${fmt(result.seconds, 2)} s; ratio ${fmt(ratio, 2)}; attempts logged ${fmt(result.attempts)}, received ${fmt(result.received)}) | ${ok ? "met" : "MISSED"} |`,
      );
      console.log(`(c) ${kind}: ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s…`);
      const lat = await latency(kind, receiver);
      const latOk = lat.p50 <= 20 && lat.p99 <= 100;
      rows.push(
        `| (c) event → first attempt, ${kind} | p50 ≤ 20 ms, p99 ≤ 100 ms | p50 ${fmt(lat.p50)} ms, p99 ${fmt(lat.p99)} ms, max ${fmt(lat.max)} ms (${fmt(lat.events)} events at ${fmt(lat.achievedRate)}/s; producer transactions took ${fmt(lat.producerMsPerEvent, 2)} ms per event of the same thread) | ${latOk ? "met" : "MISSED"} |`,
      );
    }
    console.log("\n| measure | target | result | verdict |\n|---|---|---|---|");
    console.log(rows.join("\n"));
  } finally {
    await closeDeliveryAgent();
    await receiver.stop();
    rmSync(tempDir, { recursive: true, force: true });
  }
};

await main();
process.exit(0);
