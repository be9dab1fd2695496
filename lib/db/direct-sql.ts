import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { DatabaseProvider } from "./provider";

/**
 * The driver itself, for the few statements that run thousands of times a second (the
 * delivery worker's claim and attempt log): each SQL text is prepared once per connection
 * and reused, with no Prisma query layer in between. Everything else goes through Prisma.
 *
 * SQL is written once with `$1, $2, …` placeholders; both drivers take them (SQLite binds
 * them by number). Values: Date is written the way Prisma writes a DateTime on that
 * provider, so comparisons with rows Prisma wrote stay like with like; timestamps come back
 * as Date on PostgreSQL and as ISO text on SQLite (`new Date(value)` reads both).
 *
 * Only `writeDirect` / `writeDirectStatement` (write-transaction.ts) hand this out, under
 * the same write rule as every other write (sqlite-adapter.ts).
 */
export type DirectSql = {
  readonly dialect: DatabaseProvider;
  /** The rows a statement returns (SELECT, or a write with RETURNING). */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** How many rows a statement changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
};

export type DirectDriver = {
  readonly dialect: DatabaseProvider;
  /** `work` as one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: DirectSql) => Promise<T>): Promise<T>;
  /** One statement that is atomic by itself (no BEGIN/COMMIT round trips on PostgreSQL). */
  statement<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
};

// ---- SQLite ---------------------------------------------------------------------------

/** The process's writer connection while it holds the database's write lock (BEGIN IMMEDIATE taken). */
export type SqliteWriteSession = { database: BetterSqlite3.Database; end(commit: boolean): void };

/**
 * A DateTime as Prisma writes it: on SQLite ISO-8601 text with an explicit +00:00
 * (adapter-better-sqlite3's "iso8601"); on PostgreSQL `timestamp(3)` holding UTC, which takes
 * an ISO string as that wall time (the zone is ignored). For values that travel inside a
 * JSON parameter; plain Date parameters are converted the same way.
 */
export const timestampText = (dialect: DatabaseProvider, date: Date) =>
  dialect === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString();

const sqliteValue = (value: unknown) => {
  if (value instanceof Date) return timestampText("sqlite", value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
};

const sqliteStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

const sqliteStatement = (database: BetterSqlite3.Database, sql: string) => {
  let cache = sqliteStatements.get(database);
  if (!cache) sqliteStatements.set(database, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    // Prisma turns safe integers on for the whole connection; these rows want plain numbers.
    if (statement.reader) statement.safeIntegers(false);
    cache.set(sql, statement);
  }
  return statement;
};

const sqliteBindings = (params: readonly unknown[]) => {
  const named: Record<number, unknown> = {};
  for (let i = 0; i < params.length; i++) named[i + 1] = sqliteValue(params[i]);
  return named;
};

const sqliteSql = (database: BetterSqlite3.Database): DirectSql => ({
  dialect: "sqlite",
  all: async <T>(sql: string, params: readonly unknown[] = []) => {
    const statement = sqliteStatement(database, sql);
    const bindings = params.length > 0 ? [sqliteBindings(params)] : [];
    if (statement.reader) return statement.all(...bindings) as T[];
    statement.run(...bindings);
    return [];
  },
  run: async (sql: string, params: readonly unknown[] = []) =>
    sqliteStatement(database, sql).run(...(params.length > 0 ? [sqliteBindings(params)] : [])).changes,
});

/** `begin` takes the process's writer lock and BEGIN IMMEDIATE, waiting within the write bound. */
export const sqliteDirectDriver = (begin: () => Promise<SqliteWriteSession>): DirectDriver => {
  const transaction = async <T>(work: (sql: DirectSql) => Promise<T>): Promise<T> => {
    const session = await begin();
    let result: T;
    try {
      result = await work(sqliteSql(session.database));
    } catch (error) {
      session.end(false);
      throw error;
    }
    session.end(true);
    return result;
  };
  return {
    dialect: "sqlite",
    transaction,
    statement: (sql, params) => transaction((direct) => direct.all(sql, params)),
  };
};

// ---- PostgreSQL -----------------------------------------------------------------------

// A timestamp read back is UTC too, whatever TZ says.
const pgValue = (value: unknown) => (value instanceof Date ? timestampText("postgresql", value) : (value ?? null));
const TIMESTAMP_OID = 1114;
const readUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? readUtcTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

// Named statements are parsed and planned once per connection. The hot SQL is a fixed set
// of texts; past this many, statements go unnamed rather than pile up on every connection.
const MAX_NAMED_STATEMENTS = 100;
const statementNames = new Map<string, string>();
const statementName = (sql: string) => {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `ai_direct_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
};

const pgQuery = (sql: string, params: readonly unknown[]): pg.QueryConfig => ({
  name: statementName(sql),
  text: sql,
  values: params.map(pgValue),
  types: pgTypes,
});

const pgSql = (client: pg.PoolClient): DirectSql => ({
  dialect: "postgresql",
  all: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(pgQuery(sql, params))).rows as T[],
  run: async (sql: string, params: readonly unknown[] = []) => (await client.query(pgQuery(sql, params))).rowCount ?? 0,
});

/** `pool` is the pool Prisma's adapter uses (connecting the client first if need be). */
export const pgDirectDriver = (pool: () => Promise<pg.Pool>): DirectDriver => {
  return {
    dialect: "postgresql",
    transaction: async (work) => {
      const client = await (await pool()).connect();
      try {
        await client.query("BEGIN");
        const result = await work(pgSql(client));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool drops it.
        const broken = await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        client.release(broken);
        throw error;
      }
    },
    statement: async (sql, params = []) => (await (await pool()).query(pgQuery(sql, params))).rows,
  };
};

// ---- which driver a client has --------------------------------------------------------

const drivers = new WeakMap<object, DirectDriver>();

/** Called where clients are made (client.ts). */
export const registerDirectDriver = (client: object, driver: DirectDriver) => {
  drivers.set(client, driver);
};

export const directDriverOf = (client: object): DirectDriver => {
  const driver = drivers.get(client);
  if (!driver) throw new Error("This database client was not made by createDb (lib/db/client.ts): it has no direct driver.");
  return driver;
};
