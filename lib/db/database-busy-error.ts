/**
 * The database stayed busy (another writer held it, or conflicting transactions kept
 * aborting) for longer than a write may wait. Nothing was written; trying again later works.
 * The API answers it with 503 and Retry-After.
 */
export class DatabaseBusyError extends Error {
  /** The bound that was reached (DATABASE_WRITE_WAIT_MS), or undefined when the driver gave up first. */
  readonly waitedMs?: number;

  constructor(waitedMs?: number, cause?: unknown) {
    super(
      waitedMs === undefined
        ? "The database could not start the transaction in time; nothing was written."
        : `The database stayed busy for ${waitedMs} ms; nothing was written.`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "DatabaseBusyError";
    this.waitedMs = waitedMs;
  }
}

/** SQLite said the database is busy: better-sqlite3's own error (code SQLITE_BUSY…), or Prisma's adapter's conversion of it. */
export const isSqliteBusy = (error: unknown): boolean => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { kind?: string; originalCode?: string } };
  if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
  return cause?.kind === "SocketTimeout" || cause?.originalCode?.startsWith("SQLITE_BUSY") === true;
};
