// Renders prisma/schema.source.prisma for each provider and generates both Prisma clients
// into lib/db/generated/<provider>. Runs on `npm install` (postinstall).
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { providerDir, providerSchemaPath, providers, repoRoot } from "../../lib/db/migrations/paths";
import { renderSchema } from "../../lib/db/migrations/render-schema";

// `prisma generate` never runs the schema engine, but the CLI downloads one at start
// unless this variable names an executable (see TOOLCHAIN.md).
const placeholderEngine = () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "prisma-engine-")), "schema-engine");
  writeFileSync(file, "#!/bin/sh\nexit 0\n");
  chmodSync(file, 0o755);
  return file;
};

const engine = placeholderEngine();
for (const provider of providers) {
  await mkdir(providerDir(provider), { recursive: true });
  const schemaPath = providerSchemaPath(provider);
  const rendered = await renderSchema(provider);
  const existing = await readFile(schemaPath, "utf8").catch(() => "");
  if (existing !== rendered) await writeFile(schemaPath, rendered);
  execFileSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/prisma/build/index.js"), "generate", "--schema", schemaPath],
    {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: engine,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    },
  );
}
console.log(`Prisma clients generated for ${providers.join(" and ")}.`);
