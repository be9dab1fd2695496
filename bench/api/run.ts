// npm run bench:api — SPEC §9 API targets, side by side in one run against one production server:
//   (a) a bare Next.js route handler (GET, returns a small JSON, no wrapper, no auth, no database);
//   (b) authenticated list: GET /api/v1/instances/contoso-retail/trigger-registrations (20 registrations);
//   (c) authenticated create: POST /api/v1/instances/contoso-bench/trigger-registrations;
//   plus, as a diagnostic without a target, authenticated GET /api/v1/instances (auth + wrapper + one query).
// The bare handler may not live in the repository (the API contract test requires every route to use
// defineRoute), so the benchmark builds a temporary copy of the working tree with one extra file,
// app/api/bench-bare/route.ts, and runs `next start` on that build: same app, same build, same process.
// Tokens are RS256 access tokens verified through the production path: the JWKS fetched over https from
// https://localhost:IDP_PORT/jwks, trusting the CA generated into DATA_DIR/tls. Only 127.0.0.1; stops by itself.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createChildProcesses } from "../lib/child-processes";
import { freePort } from "../lib/free-port";
import { type JwksServer, startJwksServer } from "../lib/jwks-server";
import { describeMachine } from "../lib/machine";
import { buildProduction, copyWorkingTree, startProductionServer } from "../lib/production-build";
import { waitFor } from "../lib/wait-for";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LISTED_REGISTRATIONS = 20;
const START_DEADLINE_MS = 60_000;

const work = mkdtempSync(path.join(os.tmpdir(), "ai-bench-api-"));
const copyDir = path.join(work, "app");
const dataDir = path.join(work, "data");
const log = (message: string) => console.log(`[bench:api] ${message}`);

// The one file the copy adds (the repository may not hold a route without defineRoute).
const bareRoute = {
  "app/api/bench-bare/route.ts": `// The baseline: a bare route handler, nothing between Next.js and the JSON.
export const GET = async () =>
  Response.json({ registrations: [] }, { headers: { "cache-control": "private, no-store" } });
`,
};

const children = createChildProcesses();
let jwksServer: JwksServer | undefined;

const cleanUp = () => {
  children.terminateAll();
  void jwksServer?.close();
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

type Measure = { name: string; method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string; expect: number };

try {
  // 1. The build: the working tree plus the bare route.
  log(`copying the working tree to ${copyDir}`);
  copyWorkingTree(copyDir, bareRoute);
  log("next build (about 1.5 min on 2 cores)…");
  buildProduction(copyDir, path.join(work, "build.log"));

  // 2. Identity: the CA and localhost certificate the embedded provider would make, and its JWKS over https.
  const [idpPort, appPort] = [await freePort(), await freePort()];
  process.env.DATA_DIR = dataDir;
  process.env.IDP_PORT = String(idpPort);
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  jwksServer = await startJwksServer(dataDir, idpPort);
  const { mintAccessToken, TEST_IDENTITIES } = await import("../../lib/auth/testing/test-tokens");

  // 3. Data: migrated, demo identity seeded, 20 registrations to list, a second instance to create into.
  const { applyMigrations } = await import("../../lib/db/migrations/apply-migrations");
  const { resolveDatabaseTarget } = await import("../../lib/db/provider");
  const { createDb } = await import("../../lib/db/client");
  const { seedDemoIdentity, DEMO_INSTANCE_ID, DEMO_TENANT_ID } = await import("../../lib/seed/demo-identity");
  const { encryptSecret } = await import("../../lib/crypto/secret-box");
  const target = resolveDatabaseTarget(undefined, dataDir);
  await applyMigrations(target);
  const db = createDb(target);
  await seedDemoIdentity(db);
  await db.instance.create({ data: { id: "contoso-bench", tenantId: DEMO_TENANT_ID, name: "Contoso Bench" } });
  await db.triggerRegistration.createMany({
    data: Array.from({ length: LISTED_REGISTRATIONS }, (_, i) => ({
      id: `reg_bench_${String(i).padStart(3, "0")}`,
      tenantId: DEMO_TENANT_ID,
      instanceId: DEMO_INSTANCE_ID,
      displayName: `Refresh failed → flow ${i + 1}`,
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: `https://prod-${i}.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke`,
      secretCiphertext: encryptSecret(`whsec_${Buffer.alloc(32, i).toString("base64")}`),
      ownerId: TEST_IDENTITIES.contosoContributor.sub,
    })),
  });
  await db.$disconnect();

  // 4. The production server.
  log(`next start on 127.0.0.1:${appPort} (JWKS at https://localhost:${idpPort}/jwks)`);
  children.track(startProductionServer({ copyDir, port: appPort, logFile: path.join(work, "server.log") }), { group: true });
  const base = `http://127.0.0.1:${appPort}`;
  await waitFor("next start", async () => (await fetch(`${base}/api/bench-bare`)).status === 200, START_DEADLINE_MS);

  const token = await mintAccessToken(TEST_IDENTITIES.contosoContributor);
  const auth = { authorization: `Bearer ${token}` };
  const createBody = JSON.stringify({
    displayName: "Bench: refresh failed",
    type: "datasource.refresh.failed",
    parameters: { dataSourceId: null },
    callbackUrl: "https://8.8.8.8/bench-hook",
  });
  const measures: Measure[] = [
    { name: "bare route handler (GET)", method: "GET", url: `${base}/api/bench-bare`, headers: {}, expect: 200 },
    {
      name: "authenticated list (GET trigger-registrations)",
      method: "GET",
      url: `${base}/api/v1/instances/${DEMO_INSTANCE_ID}/trigger-registrations`,
      headers: auth,
      expect: 200,
    },
    {
      // Diagnostic, no target: auth and the wrapper around the smallest handler (one indexed query).
      name: "authenticated GET /api/v1/instances",
      method: "GET",
      url: `${base}/api/v1/instances`,
      headers: auth,
      expect: 200,
    },
    {
      name: "authenticated create (POST trigger-registrations)",
      method: "POST",
      url: `${base}/api/v1/instances/contoso-bench/trigger-registrations`,
      headers: { ...auth, "content-type": "application/json" },
      body: createBody,
      expect: 201,
    },
  ];

  // 5. Sanity: each answers as expected once (and without a token the API refuses).
  for (const m of measures) {
    const response = await fetch(m.url, { method: m.method, headers: m.headers, body: m.body });
    const text = await response.text();
    if (response.status !== m.expect) throw new Error(`${m.name}: ${response.status} ${text.slice(0, 300)}`);
    if (m.method === "GET" && m.url.includes("trigger-registrations") && JSON.parse(text).registrations.length !== LISTED_REGISTRATIONS) {
      throw new Error(`${m.name}: expected ${LISTED_REGISTRATIONS} registrations`);
    }
  }
  const anonymous = await fetch(measures[1]!.url);
  if (anonymous.status !== 401) throw new Error(`list without a token answered ${anonymous.status}, not 401`);

  // 6. Measure: a warm-up of each, then rounds of bare, list, create, so drift hits all three alike.
  const { default: autocannon } = await import("autocannon");
  const run = (m: Measure, duration: number) =>
    autocannon({ url: m.url, method: m.method, headers: m.headers, body: m.body, connections: CONNECTIONS, duration });
  for (const m of measures) await run(m, WARMUP_SECONDS);
  const results = new Map<string, { rps: number[]; p50: number[]; p99: number[]; bad: number }>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const m of measures) {
      const r = await run(m, SECONDS);
      const entry = results.get(m.name) ?? { rps: [], p50: [], p99: [], bad: 0 };
      entry.rps.push(r.requests.average);
      entry.p50.push(r.latency.p50);
      entry.p99.push(r.latency.p99);
      entry.bad += r.non2xx + r.errors + r.timeouts;
      results.set(m.name, entry);
      log(`round ${round} ${m.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx/errors ${r.non2xx + r.errors + r.timeouts}`);
    }
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const bare = median(results.get(measures[0]!.name)!.rps);
  const targets: Record<string, number | undefined> = { [measures[1]!.name]: 0.5, [measures[3]!.name]: 0.3 };
  const rows = measures.map((m) => {
    const r = results.get(m.name)!;
    const rps = median(r.rps);
    const ratio = rps / bare;
    const target = targets[m.name];
    const verdict = r.bad > 0 ? "invalid (errors)" : target === undefined ? "—" : ratio >= target ? "met" : "**missed**";
    const isBare = m === measures[0];
    return `| ${m.name} | ${target === undefined ? "—" : `≥ ${target} × bare`} | ${Math.round(rps).toLocaleString("en-US")} req/s (rounds: ${r.rps.map((x) => Math.round(x)).join(", ")}); p50 ${median(r.p50)} ms, p99 ${median(r.p99)} ms; non-2xx/errors ${r.bad} | ${isBare ? "—" : ratio.toFixed(2)} | ${verdict} |`;
  });
  const machine = describeMachine();
  console.log(
    [
      "",
      `Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}; autocannon -c ${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s each (median), after ${WARMUP_SECONDS} s warm-up; JWKS fetched ${jwksServer.fetches()} time(s).`,
      "",
      "| measure | target | result | ratio | verdict |",
      "|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n"),
  );
} finally {
  cleanUp();
}
