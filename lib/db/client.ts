import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { getSettings } from "../settings/settings";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { type DatabaseTarget, resolveDatabaseTarget } from "./provider";

// Secrets and file contents never leave the database unless a query asks for them by name.
const omit = {
  triggerRegistration: { secretCiphertext: true },
  dataSourceUpload: { content: true },
  user: { passwordHash: true },
} as const;

// SQLite has one writer at a time across all processes (app, workers): a transaction may
// wait its turn for the write lock, so give interactive transactions room beyond Prisma's
// 2 s / 5 s defaults instead of failing a refresh or a delivery log under contention.
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

const createSqliteClient = (url: string) =>
  new SqliteClient({
    // The busy timeout makes a statement wait for another process's write lock.
    adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }),
    omit,
    transactionOptions,
  });

/**
 * The app is typed against the SQLite client (the narrower of the two); the PostgreSQL
 * client is converted at this single place. Stay within what both providers support:
 * the test suite runs on both.
 */
export type Db = ReturnType<typeof createSqliteClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const createDb = (target: DatabaseTarget): Db => {
  if (target.provider === "sqlite") return createSqliteClient(target.url);
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url, max: 10 }),
    omit,
    transactionOptions,
  });
  return client as unknown as Db;
};

const globalForDb = globalThis as unknown as { audienceInsightsDb?: Db; audienceInsightsDbTarget?: DatabaseTarget };

export const getDatabaseTarget = (): DatabaseTarget => {
  globalForDb.audienceInsightsDbTarget ??= resolveDatabaseTarget(
    getSettings().DATABASE_URL,
    getSettings().dataDir,
  );
  return globalForDb.audienceInsightsDbTarget;
};

/** The process-wide client, created on first use and reused across hot reloads. */
export const getDb = (): Db => {
  globalForDb.audienceInsightsDb ??= createDb(getDatabaseTarget());
  return globalForDb.audienceInsightsDb;
};

/** Tests point the process at a fresh database between files. */
export const setDbForTesting = (db: Db | undefined, target?: DatabaseTarget) => {
  globalForDb.audienceInsightsDb = db;
  globalForDb.audienceInsightsDbTarget = target;
};
