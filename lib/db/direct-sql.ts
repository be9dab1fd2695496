import type Database from "better-sqlite3";
import pg from "pg";
import { DatabaseBusyError, isSqliteBusy } from "./database-busy-error";
import type { DatabaseProvider } from "./provider";
import type { SqliteWriterThread, WriterStep } from "./sqlite-writer";

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
  /**
   * One statement run once per parameter row, its rows put together. For SQLite's writer thread,
   * where a prepared single-row statement repeated is the cheapest form (one message for all);
   * PostgreSQL would pay a round trip per row, so batches there travel as one JSON parameter.
   */
  each<T>(sql: string, rows: ReadonlyArray<readonly unknown[]>): Promise<T[]>;
};

/** One statement of a script: its SQL and parameters; its rows (or, for a write without RETURNING, []) come back. */
export type DirectStep = { sql: string; params?: readonly unknown[]; each?: ReadonlyArray<readonly unknown[]> };

export type DirectDriver = {
  readonly dialect: DatabaseProvider;
  /** `work` as one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: DirectSql) => Promise<T>): Promise<T>;
  /**
   * Statements that need nothing from each other's results, as one transaction sent in one
   * go: one message to SQLite's writer thread; on PostgreSQL a single statement is one round
   * trip (atomic by itself), several are BEGIN … COMMIT.
   */
  script(steps: readonly DirectStep[]): Promise<unknown[][]>;
  /** One statement that is atomic by itself. */
  statement<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * SQLite only: a single-row statement run once per row inside the Prisma write transaction
   * in progress (the caller's), prepared once, on that transaction's own connection: the
   * cheapest way to write many rows there (no JSON to build and unpack). How many rows it
   * changed. PostgreSQL's transaction connection stays inside Prisma, so it has no such form.
   */
  eachInTransaction?(sql: string, rows: Iterable<readonly unknown[]>): Promise<number>;
};

/**
 * A DateTime as Prisma writes it: on SQLite ISO-8601 text with an explicit +00:00
 * (adapter-better-sqlite3's "iso8601"); on PostgreSQL `timestamp(3)` holding UTC, which takes
 * an ISO string as that wall time (the zone is ignored). For values that travel inside a
 * JSON parameter; plain Date parameters are converted the same way.
 */
export const timestampText = (dialect: DatabaseProvider, date: Date) =>
  dialect === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString();

// ---- SQLite ---------------------------------------------------------------------------

/** What the SQLite driver needs from the connected adapter (sqlite-adapter.ts). */
export type SqliteDirectWriter = {
  /** The process's write lock, waited for at most `waitMs` (DatabaseBusyError past it). */
  acquire(waitMs: number): Promise<() => void>;
  thread: SqliteWriterThread;
  /**
   * The writer connection while a Prisma write transaction of this process is open (it holds
   * the process's write lock, so the connection is that transaction's alone), else undefined.
   */
  transactionConnection(): Database.Database | undefined;
};

const EACH_YIELD_ROWS = 10_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// Values are converted in the thread (sqlite-writer-thread.mjs: Date as timestampText, boolean
// as 0/1), so the event loop only hands the arrays over.
const sqliteStep = (sql: string, params: readonly unknown[], all: boolean, each?: ReadonlyArray<readonly unknown[]>): WriterStep =>
  each ? { sql, params, all, each } : { sql, params, all };

/**
 * Statements run on the writer thread (sqlite-writer.ts) while this process holds its write
 * lock: the lock first, then BEGIN IMMEDIATE in the thread, both within DATABASE_WRITE_WAIT_MS.
 * The begin travels with the first statement and the commit with the last of a script, so a
 * script is one message to the thread.
 */
export const sqliteDirectDriver = (writer: () => Promise<SqliteDirectWriter>, writeWaitMs: () => number): DirectDriver => {
  const transaction = async <T>(work: (sql: DirectSql, send: (steps: WriterStep[], end?: "commit") => Promise<unknown[]>) => Promise<T>): Promise<T> => {
    const { acquire, thread } = await writer();
    const waitMs = writeWaitMs();
    const deadline = Date.now() + waitMs;
    const release = await acquire(waitMs);
    let begun = false;
    let open = false;
    const send = async (steps: WriterStep[], end?: "commit" | "rollback") => {
      const begin = begun ? undefined : { waitMs: Math.max(0, deadline - Date.now()) };
      begun = true;
      open = end === undefined;
      try {
        return await thread.request({ begin, steps, end });
      } catch (error) {
        open = false; // the thread rolled back
        throw begin && isSqliteBusy(error) ? new DatabaseBusyError(waitMs, error) : error;
      }
    };
    const sql: DirectSql = {
      dialect: "sqlite",
      all: async <R>(text: string, params: readonly unknown[] = []) => (await send([sqliteStep(text, params, true)]))[0] as R[],
      run: async (text: string, params: readonly unknown[] = []) => (await send([sqliteStep(text, params, false)]))[0] as number,
      each: async <R>(text: string, rows: ReadonlyArray<readonly unknown[]>) => (await send([sqliteStep(text, [], true, rows)]))[0] as R[],
    };
    try {
      const result = await work(sql, send);
      if (open) await send([], "commit");
      return result;
    } catch (error) {
      if (open) await send([], "rollback").catch(() => {});
      throw error;
    } finally {
      release();
    }
  };
  const eachInTransaction = async (text: string, rows: Iterable<readonly unknown[]>) => {
    const direct = await writer();
    const connection = direct.transactionConnection();
    if (!connection) throw new Error("eachInTransaction runs inside a write transaction of the same client (writeTransaction, commitWithEvents); none is open.");
    const statement = connection.prepare(text);
    let changes = 0;
    let count = 0;
    for (const row of rows) {
      changes += statement.run(row as unknown[]).changes;
      if (++count % EACH_YIELD_ROWS !== 0) continue;
      // The event loop (timers, reads on the other connection) gets a turn now and then. The
      // transaction can only end during that turn (Prisma's timeout rolls it back): the rows
      // after it must not be written on their own, outside any transaction.
      await yieldToEventLoop();
      if (direct.transactionConnection() !== connection) throw new Error("The write transaction ended while its rows were being written; nothing of it was kept.");
    }
    return changes;
  };
  return {
    dialect: "sqlite",
    eachInTransaction,
    transaction: (work) => transaction((sql) => work(sql)),
    script: (steps) =>
      transaction(async (_, send) => {
        if (steps.length === 0) return [];
        return (await send(steps.map((step) => sqliteStep(step.sql, step.params ?? [], true, step.each)), "commit")) as unknown[][];
      }),
    statement: async <R>(text: string, params: readonly unknown[] = []) =>
      (await transaction(async (_, send) => send([sqliteStep(text, params, true)], "commit")))[0] as R[],
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
/** The name a hot SQL text is prepared under on every PostgreSQL connection (undefined past the bound). */
export const preparedStatementName = (sql: string) => {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `ai_hot_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
};

/**
 * Raw SQL sent through Prisma that starts with this comment is prepared once per connection
 * too (client.ts names it): for a statement of a hot path that must run in the caller's Prisma
 * transaction, such as the outbox's (lib/events/enqueue-event.ts). Its texts must be a small
 * fixed set, like the direct statements'.
 */
export const PREPARED_STATEMENT_MARK = "/* prepared */";

const pgQuery = (sql: string, params: readonly unknown[]): pg.QueryConfig => ({
  name: preparedStatementName(sql),
  text: sql,
  values: params.map(pgValue),
  types: pgTypes,
});

const pgSql = (client: pg.PoolClient): DirectSql => ({
  dialect: "postgresql",
  all: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(pgQuery(sql, params))).rows as T[],
  run: async (sql: string, params: readonly unknown[] = []) => (await client.query(pgQuery(sql, params))).rowCount ?? 0,
  each: async <T>(sql: string, rows: ReadonlyArray<readonly unknown[]>) => {
    const all: T[] = [];
    for (const params of rows) all.push(...((await client.query(pgQuery(sql, params))).rows as T[]));
    return all;
  },
});

/** `pool` is the pool Prisma's adapter uses (connecting the client first if need be). */
export const pgDirectDriver = (pool: () => Promise<pg.Pool>): DirectDriver => {
  const transaction = async <T>(work: (sql: DirectSql) => Promise<T>): Promise<T> => {
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
  };
  const statement = async <T>(sql: string, params: readonly unknown[] = []) => (await (await pool()).query(pgQuery(sql, params))).rows as T[];
  return {
    dialect: "postgresql",
    transaction,
    script: async (steps) => {
      if (steps.length === 1 && !steps[0]!.each) return [await statement(steps[0]!.sql, steps[0]!.params)];
      return transaction(async (sql) => {
        const results: unknown[][] = [];
        for (const step of steps) results.push(await (step.each ? sql.each(step.sql, step.each) : sql.all(step.sql, step.params)));
        return results;
      });
    },
    statement,
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
