import path from "node:path";
import pg from "pg";
import { type Db, createDb } from "./client";
import { type ApplyMigrationsOptions, applyMigrations } from "./migrations/apply-migrations";
import { type DatabaseTarget, resolveDatabaseTarget } from "./provider";

export type FreshDatabase = { db: Db; target: DatabaseTarget; drop(): Promise<void> };

export type FreshDatabaseOptions = (
  | { provider: "sqlite"; dir: string; name: string }
  | { provider: "postgresql"; serverUrl: string; name: string }
) &
  ApplyMigrationsOptions;

const withDatabase = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const runOnServer = async (serverUrl: string, ...statements: string[]) => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
};

/**
 * A new, migrated database for tests and benchmarks: a SQLite file `<name>.db` in `dir`, or a
 * PostgreSQL database `<name>` on the server of `serverUrl` (replacing one left by a crashed run).
 * `drop` disconnects and, on PostgreSQL, drops the database; SQLite files go with their directory.
 */
export const createFreshDatabase = async (options: FreshDatabaseOptions): Promise<FreshDatabase> => {
  if (options.provider === "sqlite") {
    const target = resolveDatabaseTarget(`file:${path.join(options.dir, `${options.name}.db`)}`, options.dir);
    await applyMigrations(target, { through: options.through });
    const db = createDb(target);
    return { db, target, drop: () => db.$disconnect() };
  }
  const { serverUrl, name } = options;
  await runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`);
  const target = resolveDatabaseTarget(withDatabase(serverUrl, name), ".");
  await applyMigrations(target, { through: options.through });
  const db = createDb(target);
  return {
    db,
    target,
    drop: async () => {
      await db.$disconnect();
      await runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
};
