// npm test — every test: typecheck, unit and integration tests (SQLite, and PostgreSQL when
// reachable; always under CI), then the end-to-end tests in Debian's Chromium against a production build.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";

const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

const step = (title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed.`);
    process.exit(result.status ?? 1);
  }
};

const postgresReachable = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ensureChromium = () => {
  if (existsSync(chromium)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    console.log("\nChromium is missing: installing Debian's chromium package…");
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (update.status === 0 && install.status === 0 && existsSync(chromium)) return;
  }
  console.error("\nThe end-to-end tests need Debian's Chromium. Install it with:\n\n  sudo apt-get install -y chromium\n");
  process.exit(1);
};

const npx = (bin: string) => ["node_modules/.bin/" + bin];

// Under CI (CI set, as .ci/run does) PostgreSQL is required: a missing or stopped server fails the
// run at once instead of leaving the PostgreSQL integration tests out.
const inCi = Boolean(process.env.CI);
console.log(`npm test on Node.js ${process.version}${inCi ? " (CI)" : ""}`);

const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? ((await postgresReachable(LOCAL_POSTGRES)) ? LOCAL_POSTGRES : undefined);
if (inCi && !(testDatabaseUrl && (await postgresReachable(testDatabaseUrl)))) {
  console.error(
    `\n✖ CI runs the integration tests on PostgreSQL too, but ${testDatabaseUrl ?? "127.0.0.1:5432"} does not answer` +
      `${process.env.TEST_DATABASE_URL ? "" : " and TEST_DATABASE_URL is unset"}. Start PostgreSQL or set TEST_DATABASE_URL.`,
  );
  process.exit(1);
}
if (!testDatabaseUrl) {
  console.log("\n⚠ PostgreSQL is not reachable at 127.0.0.1:5432 and TEST_DATABASE_URL is unset: integration tests run on SQLite only.");
}

// The compiler's verdict does not depend on the Node.js that runs it: .ci/run's second round
// (Node.js 24) passes --no-typecheck and spends the minute on tests.
if (!process.argv.includes("--no-typecheck")) step("Typecheck", npx("tsc")[0]!, ["--noEmit"]);

step(
  `Unit and integration tests (${testDatabaseUrl ? "SQLite and PostgreSQL" : "SQLite"})`,
  npx("vitest")[0]!,
  ["run"],
  { ...process.env, ...(testDatabaseUrl ? { TEST_DATABASE_URL: testDatabaseUrl } : {}) },
);

if (process.argv.includes("--no-e2e")) process.exit(0);
ensureChromium();
// The page-weight test measures the production build's bytes, which do not depend on the Node.js that
// serves them: .ci/run's second round shares the first round's build and passes --no-build-output-checks.
const playwrightArgs = process.argv.includes("--no-build-output-checks") ? ["test", "--grep-invert", "@build-output"] : ["test"];
step("End-to-end tests (Chromium)", npx("playwright")[0]!, playwrightArgs);
