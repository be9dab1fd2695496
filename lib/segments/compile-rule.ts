import type { Db, DbTransaction } from "../db/client";
import { dialectOf } from "../db/dialect";
import { Prisma } from "../db/generated/sqlite/client";
import type { DatabaseProvider } from "../db/provider";
import type { TAttributeType } from "../unification/attributes";
import { attributeValueSql, foldSql, foldText, resolveAttribute, typedParam } from "./attribute-sql";
import { conditionMisfit } from "./condition-fit";
import { type TRuleCondition, type TRuleGroup, type TSegmentRule, isRuleGroup } from "./schemas";

// A segment rule as a parameterized WHERE over "CustomerProfile", the same semantics on SQLite
// and PostgreSQL (and in rule-evaluator.ts, the in-memory oracle the property test checks both
// against):
// - Text: eq, neq, contains, startsWith and in ignore the case of ASCII letters (attribute-sql.ts).
//   contains / startsWith take the value literally (%, _ and ! are escaped).
// - Numbers compare as numbers, dates (YYYY-MM-DD) as text, booleans as booleans.
// - An empty value (missing, null, empty text, or a custom value of another JSON type) matches
//   isEmpty and nothing else: neq does not match it either, as in SQL ("city neq Madrid" keeps
//   the profiles that have a city, and it is not Madrid).
// - An attribute the instance no longer has reads as empty for every profile; a condition that no
//   longer fits its attribute's type (its type changed since the rule was saved) matches nothing.
// Every condition is TRUE, FALSE or NULL (for an empty value), and the rule combines them with
// AND / OR only, never NOT, so a NULL acts as FALSE wherever it sits.

export type SegmentScope = { tenantId: string; instanceId: string };

const LIKE_ESCAPE = "!";
const likeLiteral = (text: string) => text.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c);

const compare = (left: Prisma.Sql, operator: string, right: Prisma.Sql) => Prisma.sql`(${left} ${Prisma.raw(operator)} ${right})`;

const sqlOperators = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

const conditionSql = (dialect: DatabaseProvider, condition: TRuleCondition, types: ReadonlyMap<string, TAttributeType>): Prisma.Sql => {
  const attribute = resolveAttribute(condition.attribute, types);
  if (!attribute) return condition.operator === "isEmpty" ? Prisma.sql`(1 = 1)` : Prisma.sql`(1 = 0)`;
  if (conditionMisfit(condition, attribute.type)) return Prisma.sql`(1 = 0)`;
  const value = attributeValueSql(dialect, attribute);
  if (condition.operator === "isEmpty") return Prisma.sql`(${value} IS NULL)`;

  const text = attribute.type === "text";
  const left = text ? foldSql(dialect, value) : dialect === "postgresql" && attribute.type === "date" ? Prisma.sql`(${value} COLLATE "C")` : value;
  const param = (v: string | number | boolean) => typedParam(dialect, attribute.type, text ? foldText(v as string) : v);

  switch (condition.operator) {
    case "in":
      return Prisma.sql`(${left} IN (${Prisma.join(condition.value.map(param))}))`;
    case "contains":
    case "startsWith": {
      const literal = likeLiteral(foldText(condition.value as string));
      const pattern = condition.operator === "contains" ? `%${literal}%` : `${literal}%`;
      return Prisma.sql`(${left} LIKE ${typedParam(dialect, "text", pattern)} ESCAPE '!')`;
    }
    default:
      return compare(left, sqlOperators[condition.operator], param(condition.value));
  }
};

const combine = (combinator: "and" | "or", parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, combinator === "and" ? " AND " : " OR ")})`;

const groupSql = (dialect: DatabaseProvider, group: TRuleGroup, types: ReadonlyMap<string, TAttributeType>) =>
  combine(group.combinator, group.conditions.map((condition) => conditionSql(dialect, condition, types)));

/** The rule alone, without the scope: a boolean SQL expression over "CustomerProfile"'s columns. */
export const ruleSql = (dialect: DatabaseProvider, rule: TSegmentRule, types: ReadonlyMap<string, TAttributeType>): Prisma.Sql =>
  combine(
    rule.combinator,
    rule.conditions.map((item) => (isRuleGroup(item) ? groupSql(dialect, item, types) : conditionSql(dialect, item, types))),
  );

/** The instance's profiles, as a WHERE fragment over "CustomerProfile" (for measures without a segment). */
export const scopeWhere = (scope: SegmentScope): Prisma.Sql =>
  Prisma.sql`"CustomerProfile"."tenantId" = ${scope.tenantId} AND "CustomerProfile"."instanceId" = ${scope.instanceId}`;

/**
 * The segment's members as a WHERE fragment over "CustomerProfile" (columns qualified with the
 * table's name, so use it unaliased): the instance's profiles that match the rule. `types` are
 * the instance's attribute types (attributeTypesOf(config.customAttributes)); `db` only says
 * which SQL to speak.
 */
export const segmentWhere = (
  db: Db | DbTransaction,
  scope: SegmentScope,
  rule: TSegmentRule,
  types: ReadonlyMap<string, TAttributeType>,
): Prisma.Sql => Prisma.sql`${scopeWhere(scope)} AND ${ruleSql(dialectOf(db), rule, types)}`;
