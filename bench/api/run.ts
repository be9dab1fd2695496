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
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
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

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The working tree (tracked and untracked, minus ignored files) plus the generated Prisma clients. */
const copyWorkingTree = () => {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: repoRoot })
    .toString()
    .split("\0")
    .filter(Boolean);
  const generated = (readdirSync(path.join(repoRoot, "lib/db/generated"), { recursive: true }) as string[]).map((f) =>
    path.join("lib/db/generated", f),
  );
  for (const file of [...listed, ...generated]) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    mkdirSync(path.dirname(path.join(copyDir, file)), { recursive: true });
    copyFileSync(from, path.join(copyDir, file));
  }
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(copyDir, "node_modules"));
  mkdirSync(path.join(copyDir, "app/api/bench-bare"), { recursive: true });
  writeFileSync(
    path.join(copyDir, "app/api/bench-bare/route.ts"),
    `// The baseline: a bare route handler, nothing between Next.js and the JSON.
export const GET = async () =>
  Response.json({ registrations: [] }, { headers: { "cache-control": "private, no-store" } });
`,
  );
  // node_modules is a symlink into the repository: Turbopack must be allowed to resolve outside the copy.
  const configPath = path.join(copyDir, "next.config.js");
  const config = readFileSync(configPath, "utf8");
  if (!config.includes("export default nextConfig;")) throw new Error("next.config.js changed shape; update bench/api/run.ts");
  writeFileSync(
    configPath,
    config.replace("export default nextConfig;", 'export default { ...nextConfig, turbopack: { ...nextConfig.turbopack, root: "/" } };'),
  );
};

const children: ChildProcess[] = [];
let jwksServer: https.Server | undefined;

const cleanUp = () => {
  for (const child of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  jwksServer?.close();
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

const waitFor = async (what: string, check: () => Promise<boolean>, deadlineMs: number) => {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
};

type Measure = { name: string; method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string; expect: number };

try {
  // 1. The build: the working tree plus the bare route.
  log(`copying the working tree to ${copyDir}`);
  copyWorkingTree();
  log("next build (about 1.5 min on 2 cores)…");
  const buildLog = path.join(work, "build.log");
  const build = spawnSync(path.join(repoRoot, "node_modules/.bin/next"), ["build"], {
    cwd: copyDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", openSync(buildLog, "w"), openSync(buildLog, "a")],
  });
  if (build.status !== 0) throw new Error(`next build failed, see ${buildLog}:\n${readFileSync(buildLog, "utf8").slice(-3000)}`);

  // 2. Identity: the CA and localhost certificate the embedded provider would make, and its JWKS over https.
  const [idpPort, appPort] = [await freePort(), await freePort()];
  process.env.DATA_DIR = dataDir;
  process.env.IDP_PORT = String(idpPort);
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  const { ensureCertificates } = await import("../../lib/identity-provider/certificates");
  const { mintAccessToken, testSigningKeys, TEST_IDENTITIES } = await import("../../lib/auth/testing/test-tokens");
  const certificates = await ensureCertificates(dataDir);
  const { publicJwk } = await testSigningKeys();
  let jwksFetches = 0;
  jwksServer = https.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (req, res) => {
    if (req.url !== "/jwks") return void res.writeHead(404).end();
    jwksFetches++;
    res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer!.listen(idpPort, "127.0.0.1", resolve));

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
  const server = spawn(path.join(repoRoot, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(appPort)], {
    cwd: copyDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(appPort) },
    stdio: ["ignore", openSync(path.join(work, "server.log"), "w"), openSync(path.join(work, "server.log"), "a")],
    detached: true,
  });
  children.push(server);
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
  console.log(
    [
      "",
      `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; autocannon -c ${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s each (median), after ${WARMUP_SECONDS} s warm-up; JWKS fetched ${jwksFetches} time(s).`,
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
