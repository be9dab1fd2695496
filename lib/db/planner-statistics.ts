import type { DbTransaction } from "./client";
import { dialectOf } from "./dialect";

// SQLite plans a query from what it knows of the table's indexes. Without statistics it takes an
// index on (tenantId, instanceId, …) to be selective, so a count over an instance that holds most
// of the table walks that index and looks every row up by rowid: six times slower than reading
// the table through (165 ms against 28 ms per segment count over 110,000 profiles). With
// statistics (ANALYZE; this build has STAT4, so the bound instance's own share counts) SQLite scans
// when the instance is most of the table and keeps the index when it is a small part of it.
// New statistics reach the connection that took them at once: the worker process's writer, on
// which the full refresh then computes its segments and measures (write transactions). SQLite's
// other connections load them when they next read the schema (the first ANALYZE creates its
// tables, so every connection reloads then). PostgreSQL's autovacuum keeps its own statistics.

/** How far the table's row count may drift from the one its statistics describe before they are taken again. */
const DRIFT = 0.1;

/**
 * Inside the write transaction that bulk-rewrote `table` (on SQLite): takes its statistics again
 * when it has none or its row count moved more than 10% since. A rerun that changes little costs
 * one count; the ANALYZE itself reads the table once (about 50 ms per 100,000 rows).
 */
export const refreshPlannerStatistics = async (tx: DbTransaction, table: string): Promise<void> => {
  if (dialectOf(tx) !== "sqlite") return;
  // Before the first ANALYZE of the database there is no sqlite_stat1 table at all.
  const [schema] = await tx.$queryRawUnsafe<Array<{ statTable: bigint | number }>>(
    `SELECT count(*) AS "statTable" FROM sqlite_schema WHERE "name" = 'sqlite_stat1'`,
  );
  const hasStats = Number(schema?.statTable ?? 0) > 0;
  const [counted] = await tx.$queryRawUnsafe<Array<{ rows: bigint | number; analyzed: string | null }>>(
    `SELECT count(*) AS "rows", ${hasStats ? `(SELECT "stat" FROM sqlite_stat1 WHERE "tbl" = ? AND "idx" IS NOT NULL ORDER BY "idx" LIMIT 1)` : "NULL"} AS "analyzed" FROM "${table}"`,
    ...(hasStats ? [table] : []),
  );
  const analyzed = counted?.analyzed ?? null;
  const known = analyzed === null ? null : Number(analyzed.split(" ")[0]);
  const current = Number(counted?.rows ?? 0);
  if (known !== null && Math.abs(current - known) <= DRIFT * Math.max(known, 1)) return;
  await tx.$executeRawUnsafe(`ANALYZE "${table}"`);
};
