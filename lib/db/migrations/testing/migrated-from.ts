import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { type Db, createDb } from "../../client";
import { type FreshDatabase, createFreshDatabase } from "../../fresh-database";
import { applyMigrations } from "../apply-migrations";

/**
 * For a migration's integration test: a fresh database (SQLite, or PostgreSQL under
 * TEST_DB_PROVIDER=postgresql) migrated through `beforeKey`, the migration's predecessor; `seed`
 * writes the rows that the migration must carry over; then the remaining migrations run and
 * `migrated()` is a client on the result. Dropped after the file.
 */
export const useMigratedFrom = (beforeKey: string, seed: (db: Db) => Promise<void>) => {
  let fresh: FreshDatabase | undefined;
  let migrated: Db | undefined;
  let sqliteDir: string | undefined;

  beforeAll(async () => {
    const name = `ai_mig_${process.pid}_${Date.now().toString(36)}`;
    if (process.env.TEST_DB_PROVIDER === "postgresql") {
      const serverUrl = process.env.TEST_DATABASE_URL;
      if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL integration tests.");
      fresh = await createFreshDatabase({ provider: "postgresql", serverUrl, name, through: beforeKey });
    } else {
      sqliteDir = mkdtempSync(path.join(os.tmpdir(), "ai-mig-"));
      fresh = await createFreshDatabase({ provider: "sqlite", dir: sqliteDir, name, through: beforeKey });
    }
    await seed(fresh.db);
    await fresh.db.$disconnect();
    // The schema engine locks a SQLite file while it writes: nothing else may hold it open.
    expect(await applyMigrations(fresh.target)).not.toHaveLength(0);
    migrated = createDb(fresh.target);
  });

  afterAll(async () => {
    await migrated?.$disconnect();
    await fresh?.drop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  return {
    migrated: () => {
      if (!migrated) throw new Error("The migrated database is made in beforeAll.");
      return migrated;
    },
  };
};
