// npx tsx bench/delivery/cost.ts — what one delivery costs the worker process, in CPU time
// (and in instructions under callgrind), rather than how many go out per second: a figure
// that a busy machine barely moves, for comparing changes to the hot path side by side.
//
//   COST_PROVIDER=sqlite|postgresql (PostgreSQL: COST_DATABASE_URL, default the test server)
//   COST_DELIVERIES (default 20,000), COST_WARMUP (deliveries sent first, not measured: 2,000)
//   COST_PROFILE=<dir> (a CPU profile of the measured window alone)
//   COST_CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no node --import tsx bench/delivery/cost.ts
//     counts instructions only in the measured window (callgrind_control switches it on and off).
//
// Setup (registrations, deliveries written through enqueueEvent) is not measured. One worker
// first sends COST_WARMUP deliveries (the code is compiled and the connections open), then
// COST_DELIVERIES more are enqueued and the window runs until all of them are logged.
// PostgreSQL's own CPU time for the window (its backends for this database) is reported too.
import { execFile, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const tempDir = mkdtempSync(path.join(os.tmpdir(), "ai-bench-cost-"));
process.env.DATA_DIR = tempDir;
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { createFreshDatabase } = await import("../../lib/db/fresh-database");
const { writeTransaction } = await import("../../lib/db/write-transaction");
const { enqueueEvent } = await import("../../lib/events/enqueue-event");
const { startDeliveryWorker } = await import("../../lib/delivery/delivery-worker");
const { closeDeliveryAgent } = await import("../../lib/delivery/send-webhook");
const { createRegistration, scope, seedIdentity } = await import("../../lib/testing/factories");
const { benchEventData } = await import("./event-data");

const provider = process.env.COST_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
const DELIVERIES = Number(process.env.COST_DELIVERIES ?? 20_000);
const WARMUP = Number(process.env.COST_WARMUP ?? 2_000);
const REGISTRATIONS = 10;

const startReceiver = async () => {
  const child = fork(fileURLToPath(new URL("./receiver.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}/hook`, stop: () => child.kill() };
};

/** utime + stime of a process in ms (Linux), or 0 once it has gone. */
const processCpuMs = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ
  } catch {
    return 0;
  }
};

const callgrind = (on: boolean) =>
  process.env.COST_CALLGRIND ? promisify(execFile)("callgrind_control", ["-i", on ? "on" : "off", String(process.pid)]) : undefined;

const main = async () => {
  const receiver = await startReceiver();
  const fresh = await createFreshDatabase(
    provider === "sqlite"
      ? { provider, dir: tempDir, name: "cost" }
      : { provider, serverUrl: process.env.COST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test", name: `ai_bench_cost_${process.pid}` },
  );
  const { db, target } = fresh;
  try {
    await seedIdentity(db);
    // Warm-up deliveries go to one set of registrations, measured ones to another, paused
    // until the window opens (the claim skips paused registrations): every measured delivery
    // is sent inside the window, and enqueueing them is not part of it.
    const measured: string[] = [];
    for (let i = 0; i < REGISTRATIONS; i++) await createRegistration(db, { callbackUrl: receiver.url });
    for (let i = 0; i < REGISTRATIONS; i++) {
      measured.push((await createRegistration(db, { callbackUrl: receiver.url, type: "datasource.refresh.succeeded" })).id);
    }
    const enqueue = async (deliveries: number, type: "datasource.refresh.failed" | "datasource.refresh.succeeded") => {
      const events = deliveries / REGISTRATIONS;
      for (let start = 0; start < events; start += 500) {
        await writeTransaction(db, async (tx) => {
          for (let i = start; i < Math.min(events, start + 500); i++) {
            await enqueueEvent(tx, { ...scope, type, subject: {}, data: benchEventData(i) });
          }
        }, { timeoutMs: 60_000 });
      }
    };
    const setMeasured = (status: "active" | "paused") =>
      db.triggerRegistration.updateMany({ where: { id: { in: measured } }, data: { status } });
    await enqueue(DELIVERIES, "datasource.refresh.succeeded");
    await setMeasured("paused");
    await enqueue(WARMUP, "datasource.refresh.failed");
    // A cheap completion check: it runs every 50 ms and costs the same before and after a change.
    const recordedAtLeast = async (count: number) => {
      while (worker.stats().recorded < count) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const worker = startDeliveryWorker({ db, databaseTarget: target, workerId: "cost" });
    await recordedAtLeast(WARMUP);
    const statsBefore = worker.stats();
    const backends = async () =>
      provider === "postgresql"
        ? (await db.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`).map((r) => r.pid)
        : [];
    const serverBefore = new Map((await backends()).map((pid) => [pid, processCpuMs(pid)]));

    const session = process.env.COST_PROFILE ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 200 });
      await session.post("Profiler.start");
    }
    await callgrind(true);
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    await setMeasured("active");
    // The worker finds them at its next poll, as it would deliveries of a resumed trigger.
    await recordedAtLeast(WARMUP + DELIVERIES);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    const statsAfter = worker.stats();
    await callgrind(false);
    if (session) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(path.join(process.env.COST_PROFILE!, `worker-${provider}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    await worker.stop();
    let serverMs = 0;
    for (const pid of await backends()) serverMs += processCpuMs(pid) - (serverBefore.get(pid) ?? 0);

    const succeeded = await db.delivery.count({ where: { status: "succeeded" } });
    const attempts = await db.deliveryAttempt.count();
    const total = WARMUP + DELIVERIES;
    if (succeeded !== total || attempts !== total) throw new Error(`Expected ${total} succeeded and logged, got ${succeeded} / ${attempts}.`);
    const workerMs = (cpu.user + cpu.system) / 1000;
    console.log(
      JSON.stringify({
        provider,
        deliveries: DELIVERIES,
        seconds: Number(seconds.toFixed(2)),
        workerCpuUsPerDelivery: Number(((workerMs * 1000) / DELIVERIES).toFixed(1)),
        // The event loop's busy time: what bounds one worker process's throughput.
        mainThreadBusyUsPerDelivery: Number(((loop.active * 1000) / DELIVERIES).toFixed(1)),
        workerUserUs: Number((cpu.user / DELIVERIES).toFixed(1)),
        workerSystemUs: Number((cpu.system / DELIVERIES).toFixed(1)),
        ...(provider === "postgresql" ? { serverCpuUsPerDelivery: Number(((serverMs * 1000) / DELIVERIES).toFixed(1)) } : {}),
        window: Object.fromEntries(
          Object.entries(statsAfter).map(([key, value]) => [key, Math.round(value - statsBefore[key as keyof typeof statsBefore])]),
        ),
      }),
    );
  } finally {
    await closeDeliveryAgent();
    await fresh.drop();
    receiver.stop();
    rmSync(tempDir, { recursive: true, force: true });
  }
};

await main();
process.exit(0);
