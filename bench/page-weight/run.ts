// npm run bench:page-weight — first-load JavaScript and LCP of every screen, signed in, in headless Chromium
// against the production build (issue 6, item 7). It starts the product the way the end-to-end tests do
// (scripts/e2e-server.ts: a fresh DATA_DIR with the demo data, `next build` only when sources changed, then
// `next start`, the worker and the embedded identity provider), signs in through MSAL's real redirect and the
// provider's login form, and loads every screen from app/**/page.tsx with a cold cache, BENCH_RUNS times.
// Bytes are what crossed the wire (gzip as `next start` sends it) and do not depend on timing; LCP does.
// Only localhost; it stops by itself.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { Agent, fetch as undiciFetch } from "undici";
import playwrightConfig from "../../playwright.config";
import { DEMO_PASSWORD, demoUsers } from "../../e2e/fixtures/identity";
import { freePort } from "../lib/free-port";
import { describeMachine, loadAverage } from "../lib/machine";
import { waitFor } from "../lib/wait-for";
import { type FirstLoad, measureFirstLoad, observeLargestContentfulPaint } from "./measure-first-load";
import { demoMeasureInput, demoSegmentInput, findScreens, JS_BUDGET_BYTES, LCP_BUDGET_MS, NO_PROFILE_ID, type Screen } from "./screens";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const START_DEADLINE_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 15 * 60_000);
const VERBOSE = !!process.env.BENCH_VERBOSE;
const DEMO_INSTANCE_ID = "contoso-retail";
const workDir = path.join(repoRoot, ".cache/bench-page-weight");
const dataDir = path.join(workDir, "data");
const log = (message: string) => console.log(`[bench:page-weight] ${message}`);

/** Fails the wait at once when the server died (its log says why). */
const serverAlive = (server: ChildProcess) => () => {
  if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}); see ${workDir}/server.log`);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

let server: ChildProcess | undefined;
let browser: Browser | undefined;
const stopServer = () => {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
process.on("SIGINT", () => {
  stopServer();
  process.exit(130);
});

/** A client-credentials token of the connector, to create the trigger the detail screen shows. */
const connectorToken = async (idpOrigin: string, secret: string, dispatcher: Agent) => {
  const response = await undiciFetch(`${idpOrigin}/token`, {
    dispatcher,
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`audience-insights-connector:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      resource: "api://audience-insights",
      scope: "api://audience-insights/access_as_user",
    }),
  });
  if (!response.ok) throw new Error(`connector token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
};

const createDemoTrigger = async (appOrigin: string, token: string) => {
  const api = `${appOrigin}/api/v1/instances/${DEMO_INSTANCE_ID}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const { dataSources } = (await (await fetch(`${api}/data-sources`, { headers })).json()) as { dataSources: { id: string }[] };
  const response = await fetch(`${api}/trigger-registrations`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      displayName: "Page weight: refresh failed",
      destinationType: "powerAutomate",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: dataSources[0]?.id ?? null },
      // Never called: no refresh runs during the benchmark.
      callbackUrl: "http://127.0.0.1:9/page-weight",
    }),
  });
  if (!response.ok) throw new Error(`create trigger: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { registration: { id: string } }).registration.id;
};

const firstProfileId = async (appOrigin: string, token: string) => {
  const response = await fetch(`${appOrigin}/api/v1/instances/${DEMO_INSTANCE_ID}/profiles?$top=1`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`list profiles: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { profiles: { id: string }[] }).profiles[0]?.id ?? NO_PROFILE_ID;
};

/** A segment and a measure within it, for the screens that show one. */
const createDemoSegmentAndMeasure = async (appOrigin: string, token: string) => {
  const api = `${appOrigin}/api/v1/instances/${DEMO_INSTANCE_ID}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${api}/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`create ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const suffix = Date.now().toString(36);
  const { segment } = await post<{ segment: { id: string } }>("segments", demoSegmentInput(suffix));
  const { measure } = await post<{ measure: { id: string } }>("measures", demoMeasureInput(suffix, segment.id));
  return { segmentId: segment.id, measureId: measure.id };
};

const userMenu = (page: Page) => page.getByRole("button", { name: /, account menu$/ });

/** The product's sign-in screen → MSAL's redirect → the embedded provider's form → back, signed in. */
const signIn = async (page: Page, appOrigin: string, idpOrigin: string) => {
  await page.goto(`${appOrigin}/`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === idpOrigin);
  await page.getByLabel("Email").fill(demoUsers.admin.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await userMenu(page).waitFor();
};

/** A screen is ready when it shows its signed-in shell (or, signed out, the way in). */
const readyCheck = (screen: Screen) => async (page: Page) => {
  if (screen.signedIn) await userMenu(page).waitFor({ timeout: 60_000 });
  else await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 60_000 });
};

try {
  mkdirSync(workDir, { recursive: true });
  const loadBefore = loadAverage();
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const idpPort = Number(process.env.BENCH_IDP_PORT ?? (await freePort()));
  const appOrigin = `http://localhost:${port}`;
  const idpOrigin = `https://localhost:${idpPort}`;
  const connectorSecret = `bench-${Math.random().toString(36).slice(2)}`;

  // 1. The product, as the end-to-end tests run it: fresh data, the demo seed, the production build.
  log(`starting the production build on ${appOrigin} (identity provider ${idpOrigin}); a stale build is rebuilt first (minutes)…`);
  const serverLog = openSync(path.join(workDir, "server.log"), "w");
  server = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/e2e-server.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      DATA_DIR: dataDir,
      DELIVERY_ALLOWED_HOSTS: "127.0.0.1,localhost",
      IDP_CONNECTOR_CLIENT_SECRET: connectorSecret,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", serverLog, serverLog],
    detached: true,
  });
  await waitFor("the web app", async () => (await fetch(`${appOrigin}/api/v1/instances`)).status === 401, START_DEADLINE_MS, {
    intervalMs: 500,
    fatal: serverAlive(server),
  });
  // The provider's certificate is signed by the CA the server generated into DATA_DIR on first start.
  const trustProvider = new Agent({ connect: { ca: readFileSync(path.join(dataDir, "tls/ca.crt"), "utf8") } });
  await waitFor(
    "the identity provider",
    async () => (await undiciFetch(`${idpOrigin}/.well-known/openid-configuration`, { dispatcher: trustProvider })).ok,
    120_000,
    { intervalMs: 500, fatal: serverAlive(server) },
  );
  const token = await connectorToken(idpOrigin, connectorSecret, trustProvider);
  const registrationId = await createDemoTrigger(appOrigin, token);
  const profileId = await firstProfileId(appOrigin, token);
  const { segmentId, measureId } = await createDemoSegmentAndMeasure(appOrigin, token);

  // 2. The browser, as the end-to-end tests configure it.
  const { executablePath, args } = playwrightConfig.use?.launchOptions ?? {};
  browser = await chromium.launch({ executablePath, args, headless: true });
  const contextOptions = { ...playwrightConfig.use, ignoreHTTPSErrors: true, baseURL: undefined };
  delete (contextOptions as Record<string, unknown>).launchOptions;
  const signedOut = await browser.newContext(contextOptions);
  const signedInContext = await browser.newContext(contextOptions);
  await observeLargestContentfulPaint(signedOut);
  await observeLargestContentfulPaint(signedInContext);
  const signedOutPage = await signedOut.newPage();
  const signedInPage = await signedInContext.newPage();
  await signIn(signedInPage, appOrigin, idpOrigin);

  // 3. Every screen, cold cache, RUNS rounds (interleaved, so noise spreads over all screens alike).
  const screens = findScreens({ instanceId: DEMO_INSTANCE_ID, registrationId, profileId, segmentId, measureId, tag: "data-sources" });
  const loads = new Map<Screen, FirstLoad[]>(screens.map((s) => [s, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const screen of screens) {
      const page = screen.signedIn ? signedInPage : signedOutPage;
      const load = await measureFirstLoad(page, `${appOrigin}${screen.path}`, readyCheck(screen));
      loads.get(screen)!.push(load);
      if (VERBOSE) log(`run ${run} ${screen.path}: ${load.scripts.length} scripts, ${kb(load.transferredBytes)}, LCP ${load.lcpMs?.toFixed(0)} ms`);
    }
    log(`run ${run}/${RUNS} done`);
  }

  // 4. The table.
  const info = { ...describeMachine(), loadAverageBefore: loadBefore, loadAverageAfter: loadAverage() };
  const rows = screens.map((screen) => {
    const runs = loads.get(screen)!;
    const first = runs[0]!;
    const transferred = Math.max(...runs.map((r) => r.transferredBytes));
    const varied = new Set(runs.map((r) => r.transferredBytes)).size > 1;
    const lcps = runs.map((r) => r.lcpMs).filter((v): v is number => v !== null);
    const lcp = lcps.length ? median(lcps) : null;
    // Below about 1 KB a server does not bother to compress; only larger plain responses are a finding.
    const uncompressed = first.scripts.filter((s) => !s.contentEncoding && s.bodyBytes > 1024).map((s) => s.url);
    return {
      screen: screen.signedIn ? screen.route : `${screen.route} (signed out, /)`,
      path: screen.path,
      scriptRequests: Math.max(...runs.map((r) => r.scripts.length)),
      transferredBytes: transferred,
      bodyBytes: Math.max(...runs.map((r) => r.bodyBytes)),
      bytesVariedBetweenRuns: varied,
      lcpMedianMs: lcp,
      lcpRunsMs: lcps.map((v) => Math.round(v)),
      jsVerdict: transferred <= JS_BUDGET_BYTES ? "met" : "missed",
      lcpVerdict: lcp === null ? "no LCP" : lcp <= LCP_BUDGET_MS ? "met" : "missed",
      uncompressed,
      scripts: first.scripts.map((s) => ({ url: s.url.replace(appOrigin, ""), transferredBytes: s.transferredBytes, encoding: s.contentEncoding })),
    };
  });

  console.log("");
  console.log(`Machine: ${info.nproc} cores (${info.cpu}), Node ${info.node}, load average ${info.loadAverageBefore} before, ${info.loadAverageAfter} after`);
  console.log(`Budget per screen: JavaScript ≤ ${kb(JS_BUDGET_BYTES)} transferred (first load, cold cache), LCP ≤ ${LCP_BUDGET_MS} ms (median of ${RUNS}).`);
  console.log("");
  console.log("| screen | scripts | JS transferred (body) | JS verdict | LCP median (runs) | LCP verdict |");
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.screen} | ${row.scriptRequests} | ${kb(row.transferredBytes)} (${kb(row.bodyBytes)})${row.bytesVariedBetweenRuns ? " ≠ between runs" : ""} | ${row.jsVerdict} | ${row.lcpMedianMs === null ? "—" : `${row.lcpMedianMs.toFixed(0)} ms`} (${row.lcpRunsMs.join(", ")}) | ${row.lcpVerdict} |`,
    );
  }
  for (const row of rows.filter((r) => r.uncompressed.length)) {
    console.log(`warning: ${row.screen}: scripts sent without compression: ${row.uncompressed.join(", ")}`);
  }
  const resultsDir = path.join(repoRoot, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `page-weight-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(resultsFile, JSON.stringify({ machine: info, runs: RUNS, budget: { JS_BUDGET_BYTES, LCP_BUDGET_MS }, rows }, null, 2));
  console.log(`\nPer-script details: ${path.relative(repoRoot, resultsFile)}`);
  process.exitCode = rows.every((row) => row.jsVerdict === "met" && row.lcpVerdict === "met") ? 0 : 1;
} finally {
  await browser?.close().catch(() => undefined);
  stopServer();
}
