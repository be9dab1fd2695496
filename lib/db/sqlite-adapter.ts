import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { DatabaseBusyError } from "./database-busy-error";
import { WriteLock } from "./write-lock";

export type SqliteAdapterOptions = {
  url: string;
  /** How long a write may wait for the database's write lock before failing with DatabaseBusyError (read per write). */
  writeWaitMs: () => number;
};

// Reads are never blocked by writers in WAL mode; this only covers the rare moments SQLite
// itself needs (WAL recovery after a crash). It blocks the thread, so it stays short.
const READER_BUSY_TIMEOUT_MS = 2_000;

const isBusy = (error: unknown) => {
  const cause = (error as { cause?: { kind?: string; originalCode?: string } } | null)?.cause;
  return cause?.kind === "SocketTimeout" || cause?.originalCode?.startsWith("SQLITE_BUSY") === true;
};

// Prisma's reads (and ours) start with SELECT; anything else may write and goes to the writer.
const isRead = (sql: string) => /^\s*select\b/i.test(sql);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Prisma's better-sqlite3 adapter with the write rule SQLite needs when several processes
 * share one file (the app and the workers):
 *
 * - Every transaction begins with `BEGIN IMMEDIATE`, taking the write lock before its first
 *   read. A deferred transaction that reads first fails at once with SQLITE_BUSY_SNAPSHOT
 *   when another process committed in between; an immediate one cannot.
 * - The wait for that lock is asynchronous (retries with backoff, bounded by `writeWaitMs`),
 *   so the event loop keeps serving reads meanwhile; better-sqlite3's own busy handler would
 *   block the whole process. Past the bound: DatabaseBusyError (the API's 503).
 * - Writes and transactions of this process share one writer connection, one at a time.
 *   Reads outside transactions go to a second connection: they never wait for a transaction
 *   of another request and never see its uncommitted rows.
 */
export const createSqliteAdapterFactory = ({ url, writeWaitMs }: SqliteAdapterOptions): SqlDriverAdapterFactory => {
  // busy timeout 0: the writer never blocks the thread; waiting is done here, asynchronously.
  const writerFactory = new PrismaBetterSqlite3({ url, timeout: 0 });
  const readerFactory = new PrismaBetterSqlite3({ url, timeout: READER_BUSY_TIMEOUT_MS });
  return {
    provider: "sqlite",
    adapterName: writerFactory.adapterName,
    connect: async () => serializedWriterAdapter(await readerFactory.connect(), await writerFactory.connect(), writeWaitMs),
  };
};

const serializedWriterAdapter = (reader: SqlDriverAdapter, writer: SqlDriverAdapter, writeWaitBound: () => number): SqlDriverAdapter => {
  const lock = new WriteLock();

  /** Holds the process's writer and the database's write lock, or throws DatabaseBusyError. */
  const beginImmediate = async (): Promise<() => void> => {
    const writeWaitMs = writeWaitBound();
    const deadline = Date.now() + writeWaitMs;
    const release = await lock.acquire(writeWaitMs);
    let delay = 1;
    for (;;) {
      try {
        await writer.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
        return release;
      } catch (error) {
        if (!isBusy(error) || Date.now() + delay > deadline) {
          release();
          throw isBusy(error) ? new DatabaseBusyError(writeWaitMs) : error;
        }
      }
      // Jittered, growing to 20 ms: another process's write transactions last milliseconds.
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 20);
    }
  };

  const endQuietly = async (sql: "COMMIT" | "ROLLBACK") => {
    try {
      await writer.executeRaw({ sql, args: [], argTypes: [] });
    } catch {
      // Already ended (SQLite rolls back on some errors by itself); nothing is left open.
    }
  };

  /** A single statement outside a transaction: its own immediate transaction. */
  const autocommitWrite = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await beginImmediate();
    try {
      const result = await run();
      await writer.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      return result;
    } catch (error) {
      await endQuietly("ROLLBACK");
      throw error;
    } finally {
      release();
    }
  };

  const startTransaction = async (): Promise<Transaction> => {
    const release = await beginImmediate();
    // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false); when it does not get
    // that far (a failed COMMIT), rollback() must still close the transaction before the
    // writer serves anyone else.
    let open = true;
    const run = async <T>(query: SqlQuery, perform: (q: SqlQuery) => Promise<T>) => {
      const result = await perform(query);
      if (/^\s*(commit|rollback)\s*$/i.test(query.sql)) open = false;
      return result;
    };
    let released = false;
    const finish = async () => {
      if (released) return;
      released = true;
      if (open) await endQuietly("ROLLBACK");
      release();
    };
    return {
      provider: writer.provider,
      adapterName: writer.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => run(query, (q) => writer.queryRaw(q)),
      executeRaw: (query) => run(query, (q) => writer.executeRaw(q)),
      commit: finish,
      rollback: finish,
      createSavepoint: async (name) => void (await writer.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] })),
      rollbackToSavepoint: async (name) => void (await writer.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] })),
      releaseSavepoint: async (name) => void (await writer.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] })),
    };
  };

  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    queryRaw: (query) => (isRead(query.sql) ? reader.queryRaw(query) : autocommitWrite(() => writer.queryRaw(query))),
    executeRaw: (query) => (isRead(query.sql) ? reader.executeRaw(query) : autocommitWrite(() => writer.executeRaw(query))),
    executeScript: async (script) => {
      const release = await lock.acquire(writeWaitBound());
      try {
        await writer.executeScript(script);
      } finally {
        release();
      }
    },
    startTransaction,
    dispose: async () => {
      await Promise.all([reader.dispose(), writer.dispose()]);
    },
  };
};
