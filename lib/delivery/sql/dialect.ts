import type { Db, DbTransaction } from "../../db/client";
import { getDatabaseTarget } from "../../db/client";
import type { DatabaseProvider } from "../../db/provider";
import { Prisma } from "../../db/generated/sqlite/client";

/**
 * Which SQL the hot paths speak. The client knows its own provider (interactive
 * transactions included); the process-wide target is the fallback should that field move.
 */
export const dialectOf = (db: Db | DbTransaction): DatabaseProvider => {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  return getDatabaseTarget().provider;
};

/**
 * SQLite: rows of [a, b] string pairs as ONE bound parameter, expanded by the database into
 * a derived table with columns ("a", "b"): 10,000 rows cost one placeholder instead of
 * running into the parameter limit, and Prisma serialises one argument.
 */
export const sqliteJsonPairTable = (pairs: Array<[string, string]>) =>
  Prisma.sql`(SELECT json_extract(value, '$[0]') AS "a", json_extract(value, '$[1]') AS "b" FROM json_each(${JSON.stringify(pairs)}))`;

/** PostgreSQL wakes listening delivery workers in other processes when a transaction commits. */
export const DELIVERY_CHANNEL = "ai_delivery_pending";
