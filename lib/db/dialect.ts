import type { Db, DbTransaction } from "./client";
import { getDatabaseTarget } from "./client";
import type { DatabaseProvider } from "./provider";
import { Prisma } from "./generated/sqlite/client";

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

/** A column of a JSON record set: its name and its PostgreSQL type (SQLite takes JSON's own types). */
export type JsonColumn = readonly [name: string, pgType: "text" | "int" | "timestamp(3)"];

/**
 * For direct statements (lib/db/direct-sql.ts): the parameter `$n`, a JSON array of objects,
 * as a derived table with the given columns. A batch of any size is one parameter and one
 * SQL text, so the statement is prepared once. Timestamps travel as timestampText.
 */
export const jsonRecordSet = (dialect: DatabaseProvider, n: number, columns: readonly JsonColumn[]) =>
  dialect === "postgresql"
    ? `(SELECT * FROM json_to_recordset($${n}::json) AS r(${columns.map(([name, type]) => `"${name}" ${type}`).join(", ")}))`
    : `(SELECT ${columns.map(([name]) => `value ->> '$.${name}' AS "${name}"`).join(", ")} FROM json_each($${n}))`;

/** For direct statements: the parameter `$n`, a JSON array of strings, as a one-column table ("value"). */
export const jsonTextList = (dialect: DatabaseProvider, n: number) =>
  dialect === "postgresql" ? `(SELECT json_array_elements_text($${n}::json) AS "value")` : `(SELECT "value" FROM json_each($${n}))`;
