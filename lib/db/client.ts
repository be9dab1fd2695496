import { PrismaPg } from "@prisma/adapter-pg";
import { getSettings } from "../settings/settings";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { type DatabaseTarget, resolveDatabaseTarget } from "./provider";
import { createSqliteAdapterFactory } from "./sqlite-adapter";

// Secrets and file contents never leave the database unless a query asks for them by name.
const omit = {
  triggerRegistration: { secretCiphertext: true },
  dataSourceUpload: { content: true },
  user: { passwordHash: true },
} as const;

// Waiting for the database is bounded by DATABASE_WRITE_WAIT_MS (write-transaction.ts,
// sqlite-adapter.ts), which ends in a 503; Prisma's own start bound stays above it so that
// ours is the one that answers. A transaction itself may run for up to 30 s (a large refresh).
const transactionOptions = (writeWaitMs: number) => ({ maxWait: writeWaitMs + 10_000, timeout: 30_000 });

const createSqliteClient = (url: string, writeWaitMs: number) =>
  new SqliteClient({
    adapter: createSqliteAdapterFactory({ url, writeWaitMs: () => getSettings().DATABASE_WRITE_WAIT_MS }),
    omit,
    transactionOptions: transactionOptions(writeWaitMs),
  });

/**
 * The app is typed against the SQLite client (the narrower of the two); the PostgreSQL
 * client is converted at this single place. Stay within what both providers support:
 * the test suite runs on both.
 */
export type Db = ReturnType<typeof createSqliteClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const createDb = (target: DatabaseTarget): Db => {
  const writeWaitMs = getSettings().DATABASE_WRITE_WAIT_MS;
  if (target.provider === "sqlite") return createSqliteClient(target.url, writeWaitMs);
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url, max: 10 }),
    omit,
    transactionOptions: transactionOptions(writeWaitMs),
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
