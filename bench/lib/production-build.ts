// The app as `npm start` serves it, built from a copy of the working tree: `next build`, then
// the product's web server (scripts/web-server.ts, Next.js's handler behind it) on 127.0.0.1. The copy leaves the repository's own .next alone and lets a benchmark
// add files the repository may not hold (bench/api's bare route handler).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const nextBin = path.join(repoRoot, "node_modules/.bin/next");

/**
 * Copies the working tree (tracked and untracked files, minus ignored ones) and the generated Prisma
 * clients into `copyDir`, links node_modules, and writes `extraFiles` (path relative to the copy → content).
 */
export const copyWorkingTree = (copyDir: string, extraFiles: Record<string, string> = {}) => {
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
  for (const [file, content] of Object.entries(extraFiles)) {
    mkdirSync(path.dirname(path.join(copyDir, file)), { recursive: true });
    writeFileSync(path.join(copyDir, file), content);
  }
  // node_modules is a symlink into the repository: Turbopack must be allowed to resolve outside the copy.
  const configPath = path.join(copyDir, "next.config.js");
  const config = readFileSync(configPath, "utf8");
  if (!config.includes("export default nextConfig;")) throw new Error("next.config.js changed shape; update bench/lib/production-build.ts");
  writeFileSync(
    configPath,
    config.replace("export default nextConfig;", 'export default { ...nextConfig, turbopack: { ...nextConfig.turbopack, root: "/" } };'),
  );
};

/** `next build` in the copy, its output in `logFile`; throws with the log's tail when it fails. */
export const buildProduction = (copyDir: string, logFile: string) => {
  const build = spawnSync(nextBin, ["build"], {
    cwd: copyDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", openSync(logFile, "w"), openSync(logFile, "a")],
  });
  if (build.status !== 0) throw new Error(`next build failed, see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
};

/**
 * The web server of the copy's build on 127.0.0.1:`port`, in its own process group (so that stopping it
 * stops its children too), output appended to `logFile`.
 */
export const startProductionServer = (options: {
  copyDir: string;
  port: number;
  logFile: string;
  /** The server's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", path.join(options.copyDir, "scripts/web-server.ts")], {
    cwd: options.copyDir,
    env: { ...(options.env ?? process.env), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(options.port), WEB_SERVER_HOST: "127.0.0.1" },
    stdio: ["ignore", openSync(options.logFile, "a"), openSync(options.logFile, "a")],
    detached: true,
  });
