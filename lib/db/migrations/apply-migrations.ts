import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DatabaseTarget } from "../provider";
import { loadMigrationList } from "./migration-list";
import { engineFilters, openSchemaEngine } from "./schema-engine";

export type ApplyMigrationsOptions = {
  /** Stop after this migration (its directory name): tests put data in an older schema and migrate it. */
  through?: string;
};

/**
 * Applies pending migrations of the target's provider. Returns the names applied
 * ([] when up to date). Also puts a SQLite file in WAL mode, so the app and the worker
 * can read while the other writes.
 */
export const applyMigrations = async (target: DatabaseTarget, options: ApplyMigrationsOptions = {}): Promise<string[]> => {
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.filePath), { recursive: true });
    const db = new Database(target.filePath);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  const allMigrations = await loadMigrationList(target.provider);
  const { through } = options;
  const migrationsList = through
    ? { ...allMigrations, migrationDirectories: allMigrations.migrationDirectories.filter((m) => m.path <= through) }
    : allMigrations;
  const { engine, close } = await openSchemaEngine(target);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: engineFilters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
};
