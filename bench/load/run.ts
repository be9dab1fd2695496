// npm run bench:load — SPEC §9 "API under load: 50 concurrent clients, mixed reads and writes,
// worker busy → 0 errors (no 5xx)".
//
// Against the production build of the working tree (a copy, `next build`, `next start` as `npm start`
// serves it), on a fresh data directory with a migrated database and the demo data (`npm run db:seed`):
// SQLite by default; with BENCH_DATABASE_URL=postgresql://… also (or, with BENCH_PROVIDERS, only) a
// fresh PostgreSQL database that the run creates and drops. Next to the server, each in its own process:
// the real worker (scripts/worker.ts), a local receiver (bench/delivery/receiver.ts) and a producer
// committing events at a steady rate (bench/delivery/producer.ts), so that the worker delivers during
// the whole load. Then BENCH_CLIENTS clients (each one call at a time, over keep-alive connections)
// run a weighted mix of reads and writes (bench/load/load-client.ts) for BENCH_SECONDS. Tokens are
// RS256 access tokens verified through the production path (JWKS over https, bench/lib/jwks-server.ts).
// Only 127.0.0.1; it stops by itself. Exit code 0 when every provider's verdict is met, else 1.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createChildProcesses } from "../lib/child-processes";
import { type Receiver, startProducer, startReceiver } from "../lib/delivery-processes";
import { freePort } from "../lib/free-port";
import { startJwksServer } from "../lib/jwks-server";
import { cpuSeconds, describeMachine, loadAverage } from "../lib/machine";
import { buildProduction, copyWorkingTree, startProductionServer } from "../lib/production-build";
import { waitFor } from "../lib/wait-for";
import { createApiClient } from "./api-client";
import { LoadClient, type LoadContext, seededRandom } from "./load-client";
import { type Tally, createTally } from "./tally";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10_000);
const EVENT_RATE = Number(process.env.BENCH_EVENT_RATE ?? 20);
const DELIVERY_REGISTRATIONS = Number(process.env.BENCH_DELIVERY_REGISTRATIONS ?? 10);
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 1_000_000);
const START_DEADLINE_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 180_000);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const REUSE_BUILD = process.env.BENCH_REUSE_BUILD;

type Provider = "sqlite" | "postgresql";
const providers = (["sqlite", "postgresql"] as const).filter((provider) =>
  process.env.BENCH_PROVIDERS ? process.env.BENCH_PROVIDERS.split(",").includes(provider) : provider === "sqlite" || !!POSTGRES_URL,
);
if (providers.includes("postgresql") && !POSTGRES_URL) throw new Error("BENCH_PROVIDERS names postgresql: set BENCH_DATABASE_URL=postgresql://…");
if (providers.length === 0) throw new Error("BENCH_PROVIDERS names no provider (sqlite, postgresql).");

const work = mkdtempSync(path.join(os.tmpdir(), "ai-bench-load-"));
const copyDir = REUSE_BUILD ? path.resolve(REUSE_BUILD) : path.join(work, "app");
const identityDir = path.join(work, "identity");
const log = (message: string) => console.log(`[bench:load] ${message}`);

// Before anything reads the settings: this process's own data directory (never the repository's),
// the embedded issuer's port, one encryption key shared by every process of the run.
const idpPort = await freePort();
process.env.DATA_DIR = identityDir;
process.env.IDP_PORT = String(idpPort);
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { createFreshDatabase } = await import("../../lib/db/fresh-database");
const { mintAccessToken, TEST_IDENTITIES } = await import("../../lib/auth/testing/test-tokens");
const { DEMO_INSTANCE_ID } = await import("../../lib/seed/demo-identity");

const children = createChildProcesses();
const finalizers: Array<() => Promise<void>> = [];
const cleanUp = async () => {
  children.terminateAll();
  for (const finalize of finalizers.splice(0).reverse()) await finalize().catch(() => {});
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  void cleanUp().finally(() => process.exit(130));
});

/** `node --import tsx <script>` in the build's copy, with the run's environment, output to `logFile`. */
const spawnScript = (script: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", path.join(copyDir, script)], {
    cwd: copyDir,
    env,
    stdio: ["ignore", openSync(logFile, "a"), openSync(logFile, "a")],
  });

const logLines = (file: string, pattern: RegExp, max: number) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => pattern.test(line))
        .slice(-max)
    : [];

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Every client runs its loop until `seconds` have passed (the call in flight then finishes); returns the seconds it took. */
const runClients = async (clients: LoadClient[], tally: Tally, seconds: number) => {
  for (const client of clients) client.record = tally.record;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < until) await client.step();
    }),
  );
  return (performance.now() - started) / 1000;
};

const errorSummary = (tally: Tally, max = 15) => {
  const groups = new Map<string, number>();
  for (const { operation, error } of tally.errors()) {
    const key = `${operation}: ${error}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([key, count]) => `- ${count} × ${key}`);
};

const runProvider = async (provider: Provider, tokens: LoadContext["tokens"], receiver: Receiver) => {
  const label = provider === "sqlite" ? "SQLite" : "PostgreSQL";
  const dataDir = path.join(work, `data-${provider}`);
  mkdirSync(dataDir, { recursive: true });
  // The server trusts the JWKS server's CA through DATA_DIR/tls, as it trusts the embedded provider's.
  cpSync(path.join(identityDir, "tls"), path.join(dataDir, "tls"), { recursive: true });
  const serverLog = path.join(work, `server-${provider}.log`);
  const workerLog = path.join(work, `worker-${provider}.log`);

  log(`${label}: fresh database, migrations, demo data…`);
  const fresh =
    provider === "sqlite"
      ? // DATA_DIR/app.db: the product's default database.
        await createFreshDatabase({ provider: "sqlite", dir: dataDir, name: "app" })
      : await createFreshDatabase({ provider: "postgresql", serverUrl: POSTGRES_URL!, name: `ai_bench_load_${process.pid}` });
  finalizers.push(fresh.drop);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DELIVERY_ALLOWED_HOSTS: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (provider === "postgresql") env.DATABASE_URL = fresh.target.url;
  else delete env.DATABASE_URL;
  const seedLog = path.join(work, `seed-${provider}.log`);
  const seed = spawnSync(process.execPath, ["--import", "tsx", path.join(copyDir, "scripts/db/seed.ts")], {
    cwd: copyDir,
    env,
    stdio: ["ignore", openSync(seedLog, "w"), openSync(seedLog, "a")],
  });
  if (seed.status !== 0) throw new Error(`The demo seed failed, see ${seedLog}:\n${readFileSync(seedLog, "utf8").slice(-2000)}`);

  const appPort = await freePort();
  const origin = `http://127.0.0.1:${appPort}`;
  log(`${label}: next start on ${origin}, the worker, the producer…`);
  const server = children.track(startProductionServer({ copyDir, port: appPort, logFile: serverLog, env }), { group: true });
  const worker = children.track(spawnScript("scripts/worker.ts", env, workerLog), { group: false });
  const api = createApiClient(origin, { connections: CLIENTS + 2, timeoutMs: TIMEOUT_MS });
  const producer = await startProducer(env);
  children.track(producer.child, { group: false });
  const alive = (what: string, child: ChildProcess, file: string) => {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}); see ${file}:\n${readFileSync(file, "utf8").slice(-2000)}`);
  };
  try {
    await waitFor(
      "next start",
      async () => (await api.call({ method: "GET", path: "/api/v1/instances", token: tokens.contributor })).status === 200,
      START_DEADLINE_MS,
      { intervalMs: 500, fatal: () => alive("The server", server, serverLog) },
    );
    await waitFor("the worker", async () => readFileSync(workerLog, "utf8").includes("started"), START_DEADLINE_MS, {
      fatal: () => alive("The worker", worker, workerLog),
    });

    // The benchmark's own registrations: every producer event (and every failed refresh) fans out to them.
    const base = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
    const deliveryRegistrationIds: string[] = [];
    for (let i = 0; i < DELIVERY_REGISTRATIONS; i++) {
      const answer = await api.call({
        method: "POST",
        path: `${base}/trigger-registrations`,
        token: tokens.contributor,
        body: { displayName: `Load: deliveries ${i + 1}`, type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: receiver.url },
      });
      if (answer.status !== 201) throw new Error(`Creating a delivery registration answered ${answer.status}: ${answer.text.slice(0, 500)}`);
      deliveryRegistrationIds.push((answer.json as { registration: { id: string } }).registration.id);
    }
    const sources = await api.call({ method: "GET", path: `${base}/data-sources`, token: tokens.contributor });
    const demoDataSourceIds = ((sources.json as { dataSources?: Array<{ id: string }> }).dataSources ?? []).map((source) => source.id);
    if (sources.status !== 200 || demoDataSourceIds.length === 0) throw new Error(`No demo data sources: ${sources.status} ${sources.text.slice(0, 500)}`);
    const context: LoadContext = { api, instanceId: DEMO_INSTANCE_ID, tokens, receiverUrl: receiver.url, deliveryRegistrationIds, demoDataSourceIds };

    // Sanity (and the first request of every route): each operation once, every expected answer.
    const sanity = createTally();
    const probe = new LoadClient(0, context, seededRandom(SEED), sanity.record);
    const registrationId = await probe.createRegistration();
    const own = registrationId ? probe.registrations.get(registrationId) : undefined;
    if (own) {
      await probe.getRegistration();
      await probe.renameRegistration(own);
      await probe.setPaused(own, "pause");
      await probe.setPaused(own, "pause");
      await probe.setPaused(own, "resume");
      await probe.setPaused(own, "resume");
      await probe.testFire(own);
      await probe.listDeliveries();
      await probe.listRegistrations();
      await probe.deleteRegistration(own);
      const sourceId = await probe.createDataSource();
      if (sourceId) {
        await probe.requestRefresh(sourceId);
        await probe.listRuns();
        await probe.listDataSources();
        await probe.deleteDataSource(sourceId);
      }
      await probe.listInstances();
      await probe.readAuditLog();
    }
    if (!own || sanity.errors().length) {
      throw new Error(`The sanity pass failed:\n${errorSummary(sanity).join("\n")}\nServer log: ${serverLog}`);
    }

    // The worker busy: events at a steady rate until the load is over; wait for its first deliveries.
    await receiver.reset();
    const producing = producer.start({ target: fresh.target, rate: EVENT_RATE, total: null });
    producing.catch(() => {}); // awaited through stop() below
    await waitFor(
      "the worker's first deliveries",
      async () => {
        const stats = await receiver.stats();
        return stats.count - stats.tests > 0;
      },
      60_000,
      { fatal: () => alive("The worker", worker, workerLog) },
    );

    const clients = Array.from({ length: CLIENTS }, (_, i) => new LoadClient(i + 1, context, seededRandom(SEED + i + 1), () => {}));
    const warmup = createTally();
    if (WARMUP_SECONDS > 0) {
      log(`${label}: warm-up, ${CLIENTS} clients for ${WARMUP_SECONDS} s…`);
      await runClients(clients, warmup, WARMUP_SECONDS);
    }

    log(`${label}: load, ${CLIENTS} clients for ${SECONDS} s…`);
    const load = createTally();
    await receiver.reset();
    const loadBefore = loadAverage();
    // CPU time per process: on a shared machine, what the run itself used says how much of the 2 cores it got.
    const cpuNow = () => ({
      server: cpuSeconds(server.pid!, { group: true }),
      worker: cpuSeconds(worker.pid!),
      producer: cpuSeconds(producer.child.pid!),
      receiver: cpuSeconds(receiver.child.pid!),
      clients: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    const cpuBefore = cpuNow();
    const startedAt = new Date();
    // Deliveries arriving second by second: the worker must be busy during the whole load, not once.
    const arrivalsPerSecond: number[] = [];
    let arrivedSoFar = 0;
    const sampler = setInterval(() => {
      void receiver.count().then(({ count, tests }) => {
        arrivalsPerSecond.push(count - tests - arrivedSoFar);
        arrivedSoFar = count - tests;
      });
    }, 1000);
    const seconds = await runClients(clients, load, SECONDS).finally(() => clearInterval(sampler));
    const endedAt = new Date();
    const cpuAfter = cpuNow();
    const loadAfter = loadAverage();
    const received = await receiver.stats();
    const db = fresh.db;
    const window = { gte: startedAt, lte: endedAt };
    const [delivered, failedDeliveries, backlog] = await Promise.all([
      db.delivery.count({ where: { status: "succeeded", completedAt: window, event: { test: false } } }),
      db.delivery.count({ where: { status: "failed", completedAt: window, event: { test: false } } }),
      db.delivery.count({ where: { status: { in: ["pending", "delivering"] } } }),
    ]);
    const production = await producer.stop();

    // The verdict: every answer the expected one, and the worker delivering throughout.
    const errors = load.errors().length + warmup.errors().length;
    const quietSeconds = arrivalsPerSecond.filter((arrivals) => arrivals === 0).length;
    const busy = delivered > 0 && quietSeconds === 0;
    const met = errors === 0 && busy;
    const machine = describeMachine();
    const lines = [
      "",
      `### ${label}: ${CLIENTS} clients, ${fmt(seconds, 1)} s, worker busy`,
      "",
      load.table(seconds),
      "",
      `- Clients: ${CLIENTS}, one call at a time each, for ${fmt(seconds, 1)} s after a ${WARMUP_SECONDS} s warm-up (${fmt(warmup.calls())} calls, ${warmup.errors().length} errors); timeout ${fmt(TIMEOUT_MS)} ms per call; seed ${SEED}.`,
      `- Worker (scripts/worker.ts, its own process): ${fmt(delivered)} deliveries completed during the load (${fmt(delivered / seconds, 1)}/s)` +
        `${failedDeliveries ? `, ${fmt(failedDeliveries)} ended failed` : ""}; the receiver got ${fmt(received.count - received.tests)} events and ${fmt(received.tests)} test-fires, ` +
        `${received.duplicates} repeated webhook-id(s); events arrived in ${arrivalsPerSecond.length - quietSeconds} of the load's ${arrivalsPerSecond.length} seconds ` +
        `(fewest in a second: ${fmt(arrivalsPerSecond.length ? Math.min(...arrivalsPerSecond) : 0)}); ${fmt(backlog)} deliveries pending at the end.`,
      `- Producer (its own process): ${fmt(production.committed)} events committed at ${fmt(production.achievedRate, 1)}/s (asked ${EVENT_RATE}/s) to ${DELIVERY_REGISTRATIONS} registrations; ${production.failed} failed${production.firstError ? ` (first: ${production.firstError})` : ""}.` +
        // Not an API answer, so not in the verdict; but these are the product's own outbox writes, as a refresh commits them.
        (production.failed ? " **Look into these**: a refresh committing its result would have failed the same way." : ""),
      `- Machine: ${machine.nproc} cores (nproc), ${machine.cpu}, Node ${machine.node}; load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after.`,
      `- CPU time during the load (${fmt(seconds, 1)} s × ${machine.nproc} cores = ${fmt(seconds * Number(machine.nproc), 1)} core-seconds): ` +
        (Object.keys(cpuBefore) as Array<keyof typeof cpuBefore>)
          .map((name) => `${name} ${fmt(cpuAfter[name] - cpuBefore[name], 1)} s`)
          .join(", ") +
        `; the server ${fmt(((cpuAfter.server - cpuBefore.server) * 1000) / Math.max(1, load.calls()), 1)} ms per call.`,
      `- Verdict: ${
        errors > 0
          ? `**not met**: ${fmt(errors)} errors`
          : !busy
            ? `**invalid**: 0 errors, but the worker was not busy throughout (${fmt(delivered)} deliveries, ${quietSeconds} s without one)`
            : "**met** (0 errors, the worker busy throughout)"
      }.`,
    ];
    if (errors) {
      lines.push("", "Errors (count × operation: call, what came back):", ...errorSummary(warmup).map((line) => `${line} (warm-up)`), ...errorSummary(load));
      const suspicious = /error|Error|⨯|P\d{4}|SQLITE|database_busy|timeout/;
      lines.push("", `Server log (${serverLog}), matching lines:`, ...logLines(serverLog, suspicious, 40));
      lines.push("", `Worker log (${workerLog}), matching lines:`, ...logLines(workerLog, suspicious, 20));
    }
    return { met, report: lines.join("\n") };
  } finally {
    await api.close();
    producer.kill();
    await children.stop(worker);
    await children.stop(server);
    finalizers.splice(finalizers.indexOf(fresh.drop), 1);
    await fresh.drop();
  }
};

try {
  if (REUSE_BUILD) {
    if (!existsSync(path.join(copyDir, ".next/BUILD_ID"))) throw new Error(`BENCH_REUSE_BUILD: no build in ${copyDir}/.next`);
    log(`reusing the build in ${copyDir}`);
  } else {
    log(`copying the working tree to ${copyDir}`);
    copyWorkingTree(copyDir);
    log("next build (about 1.5 min on 2 cores)…");
    buildProduction(copyDir, path.join(work, "build.log"));
  }

  const jwks = await startJwksServer(identityDir, idpPort);
  finalizers.push(jwks.close);
  const receiver = await startReceiver();
  children.track(receiver.child, { group: false });
  finalizers.push(receiver.stop);
  // Valid for the whole run, whatever its length.
  const expiresIn = providers.length * (WARMUP_SECONDS + SECONDS + 600) + 3600;
  const tokens = {
    contributor: await mintAccessToken(TEST_IDENTITIES.contosoContributor, { expiresIn }),
    admin: await mintAccessToken(TEST_IDENTITIES.contosoAdmin, { expiresIn }),
  };

  const reports: string[] = [];
  let allMet = true;
  for (const provider of providers) {
    const { met, report } = await runProvider(provider, tokens, receiver);
    allMet &&= met;
    reports.push(report);
  }
  console.log(`${reports.join("\n")}\n\nJWKS fetched ${jwks.fetches()} time(s). Work directory: ${process.env.BENCH_KEEP ? work : "removed"}.`);
  process.exitCode = allMet ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
