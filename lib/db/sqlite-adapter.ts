import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { DatabaseBusyError, isSqliteBusy } from "./database-busy-error";
import type { SqliteDirectWriter } from "./direct-sql";
import { SqliteWriterThread } from "./sqlite-writer";
import { WriteLock } from "./write-lock";

export type SqliteAdapterOptions = {
  url: string;
  /** How long a write may wait for the database's write lock before failing with DatabaseBusyError (read per write). */
  writeWaitMs: () => number;
};

// Reads are never blocked by writers in WAL mode; this only covers the rare moments SQLite
// itself needs (WAL recovery after a crash). It blocks the thread, so it stays short.
const READER_BUSY_TIMEOUT_MS = 2_000;

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
 * - The writer commits with `synchronous = FULL`: a committed write survives a power cut,
 *   not only a crash of the process. (A connection that opens a WAL database would
 *   otherwise get NORMAL, better-sqlite3's compile-time default for WAL.)
 * - lib/db's direct statements (direct-sql.ts) run on a writer thread with its own
 *   connection (sqlite-writer.ts), under the same lock: while they run, this writer waits, and
 *   the reverse. Nothing else may write on this file from this process.
 */
export type SqliteAdapterFactory = SqlDriverAdapterFactory & {
  /** The write lock and the writer thread of the connected client, or undefined until Prisma has connected. */
  directWriter(): SqliteDirectWriter | undefined;
};

export const createSqliteAdapterFactory = ({ url, writeWaitMs }: SqliteAdapterOptions): SqliteAdapterFactory => {
  const filePath = url.replace(/^file:/, "");
  // busy timeout 0: the writer never blocks the thread; waiting is done here, asynchronously.
  const writerFactory = new PrismaBetterSqlite3({ url, timeout: 0 });
  const readerFactory = new PrismaBetterSqlite3({ url, timeout: READER_BUSY_TIMEOUT_MS });
  let connected: SerializedWriter | undefined;
  return {
    provider: "sqlite",
    adapterName: writerFactory.adapterName,
    connect: async () => {
      const adapter = serializedWriterAdapter(await readerFactory.connect(), await writerFactory.connect(), filePath, writeWaitMs, () => {
        if (connected === adapter) connected = undefined;
      });
      connected = adapter;
      return adapter;
    },
    directWriter: () => connected?.directWriter,
  };
};

/** The better-sqlite3 connection inside Prisma's adapter (its `client`): the writer that direct statements share. */
const connectionOf = (adapter: SqlDriverAdapter): Database.Database => {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (!(client instanceof Database)) {
    throw new Error("@prisma/adapter-better-sqlite3 no longer keeps its connection in `client`: lib/db/sqlite-adapter.ts needs updating.");
  }
  return client;
};

type SerializedWriter = SqlDriverAdapter & { directWriter: SqliteDirectWriter };

const serializedWriterAdapter = (
  reader: SqlDriverAdapter,
  writer: SqlDriverAdapter,
  filePath: string,
  writeWaitBound: () => number,
  onDispose: () => void,
): SerializedWriter => {
  const lock = new WriteLock();
  const thread = new SqliteWriterThread(filePath);
  const connection = connectionOf(writer);
  connection.pragma("synchronous = FULL");
  // Prepared once: every write transaction of the process runs these.
  const beginStatement = connection.prepare("BEGIN IMMEDIATE");
  const commitStatement = connection.prepare("COMMIT");
  const rollbackStatement = connection.prepare("ROLLBACK");

  /** Holds the process's writer and the database's write lock, or throws DatabaseBusyError. */
  const beginImmediate = async (): Promise<() => void> => {
    const writeWaitMs = writeWaitBound();
    const deadline = Date.now() + writeWaitMs;
    const release = await lock.acquire(writeWaitMs);
    let delay = 1;
    for (;;) {
      try {
        beginStatement.run();
        return release;
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() + delay > deadline) {
          release();
          throw isSqliteBusy(error) ? new DatabaseBusyError(writeWaitMs) : error;
        }
      }
      // Jittered, growing to 20 ms: another process's write transactions last milliseconds.
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 20);
    }
  };

  const rollbackQuietly = () => {
    try {
      if (connection.inTransaction) rollbackStatement.run();
    } catch {
      // Already ended (SQLite rolls back on some errors by itself); nothing is left open.
    }
  };

  /** A single statement outside a transaction: its own immediate transaction. */
  const autocommitWrite = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await beginImmediate();
    try {
      const result = await run();
      commitStatement.run();
      return result;
    } catch (error) {
      rollbackQuietly();
      throw error;
    } finally {
      release();
    }
  };

  // The Prisma transaction in progress, if any: the writer connection is its own until it ends.
  let transactionOpen = false;

  const startTransaction = async (): Promise<Transaction> => {
    const release = await beginImmediate();
    transactionOpen = true;
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
      transactionOpen = false;
      if (open) rollbackQuietly();
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
    directWriter: {
      acquire: (waitMs) => lock.acquire(waitMs),
      thread,
      transactionConnection: () => (transactionOpen && connection.inTransaction ? connection : undefined),
    },
    dispose: async () => {
      onDispose();
      await Promise.all([reader.dispose(), writer.dispose(), thread.close()]);
    },
  };
};
