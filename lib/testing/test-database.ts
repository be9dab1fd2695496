import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type Db, setDbForTesting } from "../db/client";
import { createFreshDatabase } from "../db/fresh-database";
import type { DatabaseTarget } from "../db/provider";
import { resetSettingsCache } from "../settings/settings";

export type TestDatabase = { db: Db; target: DatabaseTarget };

/** A fresh, migrated database for one test file: a temporary SQLite file or PostgreSQL database. */
export const createTestDatabase = async (): Promise<TestDatabase & { drop(): Promise<void> }> => {
  if (process.env.TEST_DB_PROVIDER !== "postgresql") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ai-test-"));
    const fresh = await createFreshDatabase({ provider: "sqlite", dir, name: "test" });
    return {
      ...fresh,
      drop: async () => {
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL integration tests.");
  const name = `ai_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return createFreshDatabase({ provider: "postgresql", serverUrl, name });
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
