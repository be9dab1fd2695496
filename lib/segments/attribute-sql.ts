import { Prisma } from "../db/generated/sqlite/client";
import type { DatabaseProvider } from "../db/provider";
import { type TAttributeType, standardAttributeNames } from "../unification/attributes";

// How a profile attribute reads in SQL over "CustomerProfile", the same on SQLite and PostgreSQL,
// for segment rules (compile-rule.ts) and measures alike. The in-memory reading that mirrors it
// is attribute-value.ts.

export type ResolvedAttribute = { name: string; type: TAttributeType; standard: boolean };

/** The attribute as the instance defines it now, or undefined when it has no attribute of that name. */
export const resolveAttribute = (name: string, types: ReadonlyMap<string, TAttributeType>): ResolvedAttribute | undefined => {
  const type = types.get(name);
  return type && { name, type, standard: standardAttributeNames.includes(name) };
};

export const profileTable = Prisma.raw(`"CustomerProfile"`);
const column = (name: string) => Prisma.raw(`"CustomerProfile"."${name}"`);
const customAttributes = column("customAttributes");

/**
 * The attribute's value, or NULL when the profile has none: a missing or null value, an empty
 * text, or a custom value whose JSON type is not the attribute's (a value written under an
 * earlier type of the attribute) all read as NULL. Text and dates read as text, numbers as
 * numbers, booleans as 1/0 on SQLite and as boolean on PostgreSQL.
 */
export const attributeValueSql = (dialect: DatabaseProvider, attribute: ResolvedAttribute): Prisma.Sql => {
  const textual = attribute.type === "text" || attribute.type === "date";
  if (attribute.standard) return Prisma.sql`NULLIF(${column(attribute.name)}, '')`;
  if (dialect === "sqlite") {
    const path = `$."${attribute.name}"`;
    const kind = Prisma.sql`json_type(${customAttributes}, ${path})`;
    const value = Prisma.sql`json_extract(${customAttributes}, ${path})`;
    if (textual) return Prisma.sql`(CASE WHEN ${kind} = 'text' THEN NULLIF(${value}, '') END)`;
    if (attribute.type === "number") return Prisma.sql`(CASE WHEN ${kind} IN ('integer', 'real') THEN ${value} END)`;
    return Prisma.sql`(CASE ${kind} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
  }
  const kind = Prisma.sql`jsonb_typeof(${customAttributes} -> ${attribute.name}::text)`;
  const value = Prisma.sql`(${customAttributes} ->> ${attribute.name}::text)`;
  if (textual) return Prisma.sql`(CASE WHEN ${kind} = 'string' THEN NULLIF(${value}, '') END)`;
  if (attribute.type === "number") return Prisma.sql`(CASE WHEN ${kind} = 'number' THEN ${value}::numeric END)`;
  return Prisma.sql`(CASE WHEN ${kind} = 'boolean' THEN ${value}::boolean END)`;
};

/**
 * Case folding for text comparisons: ASCII letters only, on both databases (SQLite's lower()
 * folds ASCII only; PostgreSQL's would follow the database's locale, so translate() instead).
 * "Madrid" equals "madrid"; "ÉLODIE" does not equal "élodie".
 */
export const foldSql = (dialect: DatabaseProvider, value: Prisma.Sql): Prisma.Sql =>
  dialect === "sqlite" ? Prisma.sql`lower(${value})` : Prisma.sql`translate(${value}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** The same folding in JavaScript, for values bound to a query and for the in-memory evaluator. */
export const foldText = (value: string) => value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** A bound value with the type PostgreSQL should read it as (SQLite types values itself). */
export const typedParam = (dialect: DatabaseProvider, type: TAttributeType, value: string | number | boolean): Prisma.Sql => {
  if (dialect === "sqlite") return Prisma.sql`${typeof value === "boolean" ? (value ? 1 : 0) : value}`;
  if (type === "number") return Prisma.sql`${value}::numeric`;
  if (type === "boolean") return Prisma.sql`${value}::boolean`;
  return Prisma.sql`${value}::text`;
};
