import type { Db, DbTransaction } from "./client";
import { DatabaseBusyError } from "./database-busy-error";
import { type DirectSql, type DirectStep, directDriverOf } from "./direct-sql";
import { getSettings } from "../settings/settings";

type PrismaLikeError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; cause?: unknown };

/**
 * Conflicts that a fresh attempt of the same transaction resolves: PostgreSQL's
 * serialization failures and deadlocks (Prisma P2034; 40001 and 40P01 from the driver
 * itself on the direct path), and SQLite's busy database should a statement meet it after
 * all (P1008, surfaced by the adapter as SocketTimeout).
 */
const isTransientConflict = (error: unknown) => {
  const { code, meta } = (error ?? {}) as PrismaLikeError;
  if (code === "P2034" || code === "P1008" || code === "40001" || code === "40P01") return true;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return kind === "TransactionWriteConflict" || kind === "SocketTimeout";
};

/** Prisma gave up waiting to start the transaction (maxWait), or our adapter did. */
const isBusy = (error: unknown) =>
  error instanceof DatabaseBusyError || (error as PrismaLikeError | null)?.code === "P2028" || findBusyCause(error);

const findBusyCause = (error: unknown): boolean => {
  for (let cause = (error as PrismaLikeError | null)?.cause, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof DatabaseBusyError) return true;
    cause = (cause as PrismaLikeError).cause;
  }
  return false;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type WriteOptions = {
  /** How long the transaction itself may run once started (default 30 s; large refreshes need more). */
  timeoutMs?: number;
};

/**
 * Runs `work` as ONE write transaction: every write of the product goes through here (or
 * `writeBatch`). On SQLite the transaction holds the database's write lock from its first
 * statement (see sqlite-adapter.ts), so reading before writing is safe; on PostgreSQL a
 * serialization failure or deadlock reruns `work` from the start. `work` must therefore
 * only touch the database through `tx` (it may run more than once; nothing of a failed
 * run is kept). When the database stays busy past the bound, DatabaseBusyError: nothing
 * was written, and the API answers 503 with Retry-After.
 */
export const writeTransaction = <T>(db: Db, work: (tx: DbTransaction) => Promise<T>, options: WriteOptions = {}): Promise<T> =>
  withRetries(() => db.$transaction(work, options.timeoutMs ? { timeout: options.timeoutMs } : undefined));

/**
 * The batch form: the operations `build` returns commit together or not at all. `build` is
 * called again for a retry (Prisma's queries run once; a retry needs new ones).
 */
export const writeBatch = (db: Db, build: () => Array<Promise<unknown>>): Promise<unknown[]> =>
  withRetries(() => db.$transaction(build() as never) as Promise<unknown[]>);

/**
 * `writeTransaction` for the hot paths: `work` talks to the driver directly (prepared
 * statements, no Prisma query layer; see direct-sql.ts), under the same rules: on SQLite
 * the process's writer and the database's write lock are held from the first statement;
 * on PostgreSQL a serialization failure or deadlock reruns `work`. Busy past the bound:
 * DatabaseBusyError, nothing written.
 */
export const writeDirect = <T>(db: Db, work: (sql: DirectSql) => Promise<T>): Promise<T> =>
  withRetries(() => directDriverOf(db).transaction(work));

/**
 * One direct statement that is atomic by itself: on PostgreSQL a single round trip (no
 * BEGIN/COMMIT), on SQLite its own immediate transaction under the writer lock.
 */
export const writeDirectStatement = <T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T[]> =>
  withRetries(() => directDriverOf(db).statement<T>(sql, params));

/**
 * Direct statements that need nothing from each other's results, as ONE write transaction
 * sent in one go (see DirectDriver.script); each step's rows come back. Retried as a whole.
 */
export const writeDirectScript = (db: Db, steps: readonly DirectStep[]): Promise<unknown[][]> =>
  withRetries(() => directDriverOf(db).script(steps));

/**
 * SQLite only, inside `writeTransaction(db, …)`'s work (or commitWithEvents'): runs a single-row
 * statement once per row in that transaction (DirectDriver.eachInTransaction); how many rows
 * changed. `rows` may be a generator: each row's parameters are then made as it is written. Values: text, numbers and null (a Date as timestampText writes it). PostgreSQL
 * callers write their rows through `tx` instead (one JSON parameter per batch).
 */
export const insertEachInTransaction = (db: Db, sql: string, rows: Iterable<readonly unknown[]>): Promise<number> => {
  const { eachInTransaction } = directDriverOf(db);
  if (!eachInTransaction) throw new Error("insertEachInTransaction is SQLite's: this client is PostgreSQL's.");
  return eachInTransaction(sql, rows);
};

/** Which SQL a client's direct statements speak. */
export const directDialectOf = (db: Db) => directDriverOf(db).dialect;

// The bound (DATABASE_WRITE_WAIT_MS) covers the wait for SQLite's lock (in the adapter) and,
// here, the retries of conflicting PostgreSQL transactions.
const withRetries = async <T>(attempt: () => Promise<T>): Promise<T> => {
  const waitMs = getSettings().DATABASE_WRITE_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      // P2028: Prisma itself gave up starting the transaction (its maxWait, or a pool that had no connection).
      if (isBusy(error)) throw error instanceof DatabaseBusyError ? error : new DatabaseBusyError(undefined, error);
      if (!isTransientConflict(error)) throw error;
      if (Date.now() + delay > deadline) throw new DatabaseBusyError(waitMs, error);
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 200);
  }
};
