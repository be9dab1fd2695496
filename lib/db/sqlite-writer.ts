import { Worker } from "node:worker_threads";

// `new URL(…, import.meta.url)` where the Worker is made: the form bundlers recognise. The web
// app's bundle (the connector's rate limit counts through direct statements) gets the thread as
// a worker chunk of its own; tsx, vitest and plain node load the file as it is.

/**
 * One statement for the writer thread: its SQL, its parameters (for `$1, $2, …`; the thread
 * converts them as direct-sql.ts describes), and whether its rows are wanted; with `each`, run
 * once per parameter list, the rows put together.
 */
export type WriterStep = { sql: string; params: readonly unknown[]; all: boolean; each?: ReadonlyArray<readonly unknown[]> };

/** What the writer thread runs in one go; `begin` takes BEGIN IMMEDIATE, waiting at most `waitMs` for other processes. */
export type WriterRequest = { begin?: { waitMs: number }; steps: WriterStep[]; end?: "commit" | "rollback" };

type Reply = { id: number; results?: unknown[]; error?: { code?: string; message: string } };

/**
 * The thread that runs a process's direct SQLite statements (sqlite-writer-thread.mjs) on its
 * own connection to the file, so that the fsync of a commit (synchronous = FULL) and the wait
 * for another process's lock never block the event loop. Started on first use; requests run
 * one after another in the order sent. Callers hold the process's write lock for the whole
 * transaction (sqlite-adapter.ts): this connection never writes beside the other writer.
 */
export class SqliteWriterThread {
  readonly #filePath: string;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve(results: unknown[]): void; reject(error: Error): void }>();

  constructor(filePath: string) {
    this.#filePath = filePath;
  }

  request(request: WriterRequest): Promise<unknown[]> {
    const worker = this.#started();
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Only a request in flight keeps the process alive; an idle writer does not.
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, ...request });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./sqlite-writer-thread.mjs", import.meta.url), { workerData: { filePath: this.#filePath } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else pending.resolve(reply.results!);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The SQLite writer thread stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
