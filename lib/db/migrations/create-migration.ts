import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DatabaseProvider, DatabaseTarget } from "../provider";
import { lockfileContent, loadMigrationList } from "./migration-list";
import { migrationsDir } from "./paths";
import { renderSchema } from "./render-schema";
import { engineFilters, openSchemaEngine } from "./schema-engine";

const timestamp = (date: Date) => date.toISOString().replace(/[-:T]/g, "").slice(0, 14);

/**
 * Writes the next migration of one provider: the SQL that takes a database from the
 * existing migration history to the current schema, computed by Prisma's schema engine
 * on a shadow database (in memory for SQLite; a temporary database on the PostgreSQL
 * server of `shadowTarget`). Returns the directory name, or null when nothing changed.
 */
export const createMigration = async (
  provider: DatabaseProvider,
  name: string,
  shadowTarget: DatabaseTarget,
  now = new Date(),
): Promise<string | null> => {
  const list = await loadMigrationList(provider);
  const schema = await renderSchema(provider);
  const { engine, close } = await openSchemaEngine(shadowTarget);
  let script: string;
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: engineFilters,
    });
    script = result.stdout ?? "";
  } finally {
    await close();
  }
  if (!script.trim() || script.includes("This is an empty migration")) return null;

  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "migration";
  const dirName = `${timestamp(now)}_${slug}`;
  const dir = migrationsDir(provider);
  await mkdir(path.join(dir, dirName), { recursive: true });
  await writeFile(path.join(dir, dirName, "migration.sql"), script);
  await writeFile(path.join(dir, "migration_lock.toml"), lockfileContent(provider));
  return dirName;
};
