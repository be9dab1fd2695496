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
