import type { Db, DbTransaction } from "./client";
import { DatabaseBusyError } from "./database-busy-error";
import { getSettings } from "../settings/settings";

type PrismaLikeError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; cause?: unknown };

/**
 * Conflicts that a fresh attempt of the same transaction resolves: PostgreSQL's
 * serialization failures and deadlocks (Prisma P2034), and SQLite's busy database should a
 * statement meet it after all (P1008, surfaced by the adapter as SocketTimeout).
 */
const isTransientConflict = (error: unknown) => {
  const { code, meta } = (error ?? {}) as PrismaLikeError;
  if (code === "P2034" || code === "P1008") return true;
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
