import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Db, createDb, setDbForTesting } from "../db/client";
import { applyMigrations } from "../db/migrations/apply-migrations";
import { type DatabaseTarget, resolveDatabaseTarget } from "../db/provider";
import { resetSettingsCache } from "../settings/settings";

export type TestDatabase = { db: Db; target: DatabaseTarget };

const serverUrlWithDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A fresh, migrated database for one test file: a temporary SQLite file or PostgreSQL database. */
export const createTestDatabase = async (): Promise<TestDatabase & { drop(): Promise<void> }> => {
  const provider = process.env.TEST_DB_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ai-test-"));
    const target = resolveDatabaseTarget(`file:${path.join(dir, "test.db")}`, dir);
    await applyMigrations(target);
    const db = createDb(target);
    return {
      db,
      target,
      drop: async () => {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL integration tests.");
  const name = `ai_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const target = resolveDatabaseTarget(serverUrlWithDatabase(serverUrl, name), os.tmpdir());
  await applyMigrations(target);
  const db = createDb(target);
  return {
    db,
    target,
    drop: async () => {
      await db.$disconnect();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
};

/**
 * Gives the calling test file its own database and makes it the process-wide one, so the
 * code under test (which calls getDb()) uses it. Read `current()` inside tests.
 */
export const useTestDatabase = () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    resetSettingsCache();
    database = await createTestDatabase();
    setDbForTesting(database.db, database.target);
  });
  afterAll(async () => {
    setDbForTesting(undefined);
    await database?.drop();
  });
  return {
    current: (): TestDatabase => {
      if (!database) throw new Error("The test database is not ready (use it inside tests or hooks).");
      return database;
    },
  };
};
