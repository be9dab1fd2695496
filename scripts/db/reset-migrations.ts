// npm run db:reset-migrations — while nothing has shipped, keep one "init" migration per
// provider: delete the history, write it anew from the schema, regenerate the clients.
import { rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { migrationsDir, providers, repoRoot } from "../../lib/db/migrations/paths";

for (const provider of providers) rmSync(migrationsDir(provider), { recursive: true, force: true });
const tsx = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: repoRoot, stdio: "inherit" });
tsx("scripts/db/generate-clients.ts");
tsx("scripts/db/create-migration.ts", "init");
console.log("Local databases made from the old history (data/app.db) need `rm -rf data` once.");
