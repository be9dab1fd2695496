import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { getSettings } from "../settings/settings";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { type DatabaseTarget, resolveDatabaseTarget } from "./provider";
import { PREPARED_STATEMENT_MARK, pgDirectDriver, preparedStatementName, registerDirectDriver, sqliteDirectDriver } from "./direct-sql";
import { createSqliteAdapterFactory, type SqliteAdapterFactory } from "./sqlite-adapter";

// Secrets and file contents never leave the database unless a query asks for them by name.
const omit = {
  triggerRegistration: { secretCiphertext: true },
  destination: { secretCiphertext: true },
  dataSourceUpload: { content: true },
  user: { passwordHash: true },
} as const;

// Waiting for the database is bounded by DATABASE_WRITE_WAIT_MS (write-transaction.ts,
// sqlite-adapter.ts), which ends in a 503; Prisma's own start bound stays above it so that
// ours is the one that answers. A transaction itself may run for up to 30 s (a large refresh).
const transactionOptions = (writeWaitMs: number) => ({ maxWait: writeWaitMs + 10_000, timeout: 30_000 });

const createSqliteClient = (adapter: SqliteAdapterFactory, writeWaitMs: number) =>
  new SqliteClient({
    adapter,
    omit,
    transactionOptions: transactionOptions(writeWaitMs),
  });

/** Until the client's first query, Prisma has not connected the adapter: connect it, then ask again. */
const afterConnecting = async <T>(client: { $connect(): Promise<void> }, get: () => T | undefined, what: string): Promise<T> => {
  const value = get();
  if (value !== undefined) return value;
  await client.$connect();
  const connected = get();
  if (connected === undefined) throw new Error(`The database client has no ${what} after connecting.`);
  return connected;
};

/** PrismaPg, remembering the pool of the adapter it connected, for lib/db's direct statements. */
const poolRememberingFactory = (inner: PrismaPg) => {
  let pool: pg.Pool | undefined;
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = (await inner.connect()) as SqlDriverAdapter & { underlyingDriver(): pg.Pool };
      const connectedPool = adapter.underlyingDriver();
      pool = connectedPool;
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (pool === connectedPool) pool = undefined;
        await dispose();
      };
      return adapter;
    },
  };
  return { factory, pool: () => pool };
};

/**
 * The app is typed against the SQLite client (the narrower of the two); the PostgreSQL
 * client is converted at this single place. Stay within what both providers support:
 * the test suite runs on both.
 */
export type Db = ReturnType<typeof createSqliteClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const createDb = (target: DatabaseTarget): Db => {
  const writeWaitMs = getSettings().DATABASE_WRITE_WAIT_MS;
  if (target.provider === "sqlite") {
    // Read at each write, so a test that changes the setting changes the bound.
    const currentWriteWaitMs = () => getSettings().DATABASE_WRITE_WAIT_MS;
    const adapter = createSqliteAdapterFactory({ url: target.url, writeWaitMs: currentWriteWaitMs });
    const client = createSqliteClient(adapter, writeWaitMs);
    registerDirectDriver(
      client,
      sqliteDirectDriver(() => afterConnecting(client, () => adapter.directWriter(), "SQLite writer"), currentWriteWaitMs),
    );
    return client;
  }
  const { factory, pool } = poolRememberingFactory(
    new PrismaPg(
      { connectionString: target.url, max: 10 },
      // Hot raw SQL marked for it is parsed and planned once per connection, not per call.
      { statementNameGenerator: (query) => (query.sql.startsWith(PREPARED_STATEMENT_MARK) ? preparedStatementName(query.sql) : undefined)! },
    ),
  );
  const client = new PostgresClient({ adapter: factory, omit, transactionOptions: transactionOptions(writeWaitMs) });
  registerDirectDriver(client, pgDirectDriver(() => afterConnecting(client, pool, "PostgreSQL pool")));
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
