import type { TAttributeType } from "../unification/attributes";

// A measure's vocabulary as plain values (no zod), for screens that only list it; schemas.ts
// builds its zod enums from these.

export const measureAggregations = ["count", "sum", "avg", "min", "max", "distinctCount"] as const;
export type TMeasureAggregation = (typeof measureAggregations)[number];

/** The attribute types each aggregation takes. `count` without an attribute counts profiles. */
export const aggregationTypes: Readonly<Record<TMeasureAggregation, readonly TAttributeType[]>> = {
  count: ["text", "number", "date", "boolean"],
  sum: ["number"],
  avg: ["number"],
  min: ["number", "date"],
  max: ["number", "date"],
  distinctCount: ["text", "number", "date", "boolean"],
};

export const aggregationAppliesTo = (aggregation: TMeasureAggregation, type: TAttributeType) => aggregationTypes[aggregation].includes(type);

/**
 * How to read a measure's value: a count of profiles or values, a number, or a date (min / max of
 * a date attribute), which is a number too: the date's midnight UTC in milliseconds since 1970.
 */
export const measureValueKinds = ["count", "number", "date"] as const;
export type TMeasureValueKind = (typeof measureValueKinds)[number];

export const measureValueKind = (aggregation: TMeasureAggregation, type: TAttributeType | undefined): TMeasureValueKind =>
  aggregation === "count" || aggregation === "distinctCount" ? "count" : type === "date" ? "date" : "number";
