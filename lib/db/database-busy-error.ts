/**
 * The database stayed busy (another writer held it, or conflicting transactions kept
 * aborting) for longer than a write may wait. Nothing was written; trying again later works.
 * The API answers it with 503 and Retry-After.
 */
export class DatabaseBusyError extends Error {
  readonly waitedMs: number;

  constructor(waitedMs: number) {
    super(`The database was busy for ${waitedMs} ms; nothing was written.`);
    this.name = "DatabaseBusyError";
    this.waitedMs = waitedMs;
  }
}
