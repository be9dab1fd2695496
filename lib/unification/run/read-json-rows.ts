import type { Db, DbTransaction } from "../../db/client";
import { dialectOf } from "../../db/dialect";

/**
 * Many rows read as ONE JSON text that the database puts together (group_concat / json_agg)
 * and JavaScript parses once: 100,000 rows cost one value through the driver and Prisma instead
 * of 100,000 row objects. Each dialect's `select` yields one JSON column named "row", never
 * NULL (placeholders `?` on SQLite, `$n` on PostgreSQL, as Prisma's raw queries take them). On
 * SQLite the rows' texts are joined as they are: json_group_array would parse each one again
 * (json()) only for JavaScript to parse the whole once more.
 */
export const readJsonRows = async <T>(db: Db | DbTransaction, select: { sqlite: string; postgresql: string }, params: readonly unknown[]): Promise<T[]> => {
  const sql =
    dialectOf(db) === "postgresql"
      ? `SELECT COALESCE(json_agg(q."row"), '[]'::json)::text AS "rows" FROM (${select.postgresql}) q`
      : `SELECT '[' || group_concat(q."row", ',') || ']' AS "rows" FROM (${select.sqlite}) q`;
  const [result] = await db.$queryRawUnsafe<Array<{ rows: string | null }>>(sql, ...params);
  return JSON.parse(result?.rows ?? "[]") as T[];
};
