import { Prisma } from "../db/generated/sqlite/client";
import type { DatabaseProvider } from "../db/provider";
import type { TAttributeType } from "../unification/attributes";
import { attributeValueSql, foldSql, resolveAttribute } from "../segments/attribute-sql";
import { type TMeasureAggregation, aggregationAppliesTo } from "./measure-vocabulary";

// A measure's aggregation as one SQL expression over "CustomerProfile", the same on SQLite and
// PostgreSQL. Empty values (attribute-sql.ts) are left out of every aggregation.
// - count: profiles (no attribute), or profiles with a value; distinctCount: different values,
//   texts told apart as segment rules compare them (ASCII case ignored).
// - sum over nothing is 0; avg, min and max over nothing are NULL (the computation's value is null).
// - min / max of a date: its YYYY-MM-DD text, turned into a number by the caller (see measureValueKind).
// - An attribute the instance no longer has counts 0 and aggregates to NULL; so does one whose
//   type no longer suits the aggregation.

export type AggregateSql = { expression: Prisma.Sql; result: "number" | "date" | "empty" };

export const aggregateSql = (
  dialect: DatabaseProvider,
  aggregation: TMeasureAggregation,
  attributeName: string | null,
  types: ReadonlyMap<string, TAttributeType>,
): AggregateSql => {
  const pg = dialect === "postgresql";
  const number = (sql: Prisma.Sql) => ({ expression: pg ? Prisma.sql`(${sql})::float8` : sql, result: "number" as const });
  if (attributeName === null) return number(Prisma.sql`COUNT(*)`);
  const attribute = resolveAttribute(attributeName, types);
  if (!attribute || !aggregationAppliesTo(aggregation, attribute.type)) {
    return aggregation === "count" || aggregation === "distinctCount" ? number(Prisma.sql`0`) : { expression: Prisma.sql`NULL`, result: "empty" };
  }
  const value = attributeValueSql(dialect, attribute);
  switch (aggregation) {
    case "count":
      return number(Prisma.sql`COUNT(${value})`);
    case "distinctCount":
      return number(Prisma.sql`COUNT(DISTINCT ${attribute.type === "text" ? foldSql(dialect, value) : value})`);
    case "sum":
      // SQLite's TOTAL is SUM that cannot overflow an integer and gives 0.0 for no rows.
      return pg ? number(Prisma.sql`COALESCE(SUM(${value}), 0)`) : number(Prisma.sql`TOTAL(${value})`);
    case "avg":
      return number(Prisma.sql`AVG(${value})`);
    case "min":
    case "max": {
      const fn = Prisma.raw(aggregation.toUpperCase());
      if (attribute.type === "date") return { expression: pg ? Prisma.sql`${fn}(${value} COLLATE "C")` : Prisma.sql`${fn}(${value})`, result: "date" };
      return number(Prisma.sql`${fn}(${value})`);
    }
  }
};

/** A date's text (YYYY-MM-DD) as its midnight UTC in milliseconds; null when it is not such a date. */
export const dateValue = (text: string): number | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().startsWith(text) ? ms : null;
};
