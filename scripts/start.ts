// npm start — everything on one machine: applies pending migrations, seeds the demo data
// on first start, builds the app when its sources changed, then runs the web app, the
// worker and (without Entra settings) the embedded sign-in provider side by side until
// stopped. `npm run dev` does the same with `next dev`.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { getDatabaseTarget, getDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { repoRoot } from "../lib/db/migrations/paths";
import { getEncryptionKey } from "../lib/crypto/secret-box";
import { ensureCertificates } from "../lib/identity-provider/certificates";
import { seedDemo } from "../lib/seed/seed-demo";
import { getSettings } from "../lib/settings/settings";

const isDev = process.argv.includes("--dev");
const settings = getSettings();
const nextBin = path.join(repoRoot, "node_modules/next/dist/bin/next");
const env = {
  ...process.env,
  DATA_DIR: settings.dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
};

const newestMtime = (entry: string): number => {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules" || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
};

const buildIsStale = () => {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  // Root files count too: proxy.ts, instrumentation-client.ts and next.config.js shape the build.
  const rootFiles = readdirSync(repoRoot).filter((f) => /\.(ts|tsx|js|mjs|json)$/.test(f) && !f.endsWith(".tsbuildinfo"));
  // scripts/build holds build-time code (the Griffel loader next.config.js runs).
  const sources = ["app", "components", "lib", "public", "scripts/build", ...rootFiles];
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(repoRoot, s))));
  return newestSource > statSync(buildId).mtimeMs;
};

// Without Entra settings the product signs users in with its own embedded provider.
const embeddedSignIn = !(settings.ENTRA_TENANT_ID && settings.ENTRA_CLIENT_ID);

const prepare = async () => {
  getEncryptionKey();
  // Before any child starts: the provider serves with these and the API trusts the CA.
  if (embeddedSignIn) await ensureCertificates(settings.dataDir);
  const target = getDatabaseTarget();
  const applied = await applyMigrations(target);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  const db = getDb();
  if ((await db.tenant.count()) === 0) {
    console.log("First start: loading the Contoso Retail demo data…");
    await seedDemo(db);
  }
  await db.$disconnect();
  if (!isDev && buildIsStale()) {
    console.log("Building the web app (first start, or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: repoRoot, env, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
};

const run = () => {
  const children: ChildProcess[] = [];
  const port = String(settings.PORT);
  // Production: Next.js behind the product's own HTTP server (scripts/web-server.ts), which answers
  // what Next.js cannot; development: `next dev` as it is.
  const webCommand = isDev
    ? [nextBin, "dev", "-p", port]
    : ["--import", "tsx", path.join(repoRoot, "scripts/web-server.ts")];
  const web = spawn(process.execPath, webCommand, { cwd: repoRoot, env: { ...env, PORT: port }, stdio: "inherit" });
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/worker.ts")], {
    cwd: repoRoot,
    env,
    stdio: "inherit",
  });
  children.push(web, worker);
  if (embeddedSignIn) {
    const identityProvider = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/identity-provider.ts")], {
      cwd: repoRoot,
      env,
      stdio: "inherit",
    });
    children.push(identityProvider);
  }
  console.log(`\nAudience Insights is running at http://localhost:${port}\n`);
  if (embeddedSignIn) {
    console.log(
      `Sign in with admin@contoso.example / demo-password; accept or trust the certificate at https://localhost:${settings.IDP_PORT} — see README.\n`,
    );
  }

  let exiting = false;
  const stopAll = (code: number) => {
    if (exiting) return;
    exiting = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 5000).unref();
    Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(
      () => process.exit(code),
    );
  };
  for (const child of children) child.once("exit", (code) => stopAll(code ?? 1));
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
};

await prepare();
run();
