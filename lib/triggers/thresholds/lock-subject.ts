import type { DbTransaction } from "../../db/client";
import { dialectOf } from "../../db/dialect";

/** The watched row: a segment (its size) or a measure (its value). */
export type ThresholdSubject = { table: "Segment" | "Measure"; id: string };

/**
 * On PostgreSQL, orders a computation of a subject and a registration that takes its baseline from
 * it (SQLite's write lock already does): the computation locks the row FOR NO KEY UPDATE before it
 * steps the watching registrations, a registration FOR SHARE before it reads the latest value.
 * Whichever comes second waits for the first to commit and then sees it, so a registration never
 * starts from a value a computation committing beside it has just replaced.
 */
export const lockThresholdSubject = async (tx: DbTransaction, subject: ThresholdSubject, mode: "computation" | "baseline") => {
  if (dialectOf(tx) !== "postgresql") return;
  // The table name comes from the closed union above, never from input.
  const lock = mode === "computation" ? "FOR NO KEY UPDATE" : "FOR SHARE";
  await tx.$queryRawUnsafe(`SELECT "id" FROM "${subject.table}" WHERE "id" = $1 ${lock}`, subject.id);
};
