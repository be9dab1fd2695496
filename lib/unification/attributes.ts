// The profile's vocabulary as plain values (no zod), so screens that only list it keep zod out of
// their first load. schemas.ts builds its zod enums from these.

export const attributeTypes = ["text", "number", "date", "boolean"] as const;
export type TAttributeType = (typeof attributeTypes)[number];

/** Every instance's profiles have these; custom attributes come on top, per instance. */
export const standardAttributes = [
  { name: "email", type: "text" },
  { name: "phone", type: "text" },
  { name: "firstName", type: "text" },
  { name: "lastName", type: "text" },
  { name: "city", type: "text" },
  { name: "postalCode", type: "text" },
  { name: "country", type: "text" },
  { name: "birthDate", type: "date" },
] as const satisfies ReadonlyArray<{ name: string; type: TAttributeType }>;
export type TStandardAttributeName = (typeof standardAttributes)[number]["name"];
export const standardAttributeNames: readonly string[] = standardAttributes.map((attribute) => attribute.name);

/**
 * How a condition's values are cleaned before they are compared, applied in the order given.
 * `trim`: trims and collapses inner whitespace; `lowercase`; `punctuation`: removes punctuation
 * and symbols; `ascii`: Unicode to ASCII (ñ → n, ß → ss); `digitsOnly`; `phoneE164`: a phone
 * number in E.164 (+34600111222), read with the configuration's default country;
 * `canonicalEmail`: lowercase, without a +tag, and without dots for Gmail addresses.
 */
export const normalizations = ["trim", "lowercase", "punctuation", "ascii", "digitsOnly", "phoneE164", "canonicalEmail"] as const;
export type TNormalization = (typeof normalizations)[number];

/**
 * `exact` compares normalized values for equality. The fuzzy levels compare them with the
 * Levenshtein similarity, 1 − distance / length of the longer value (fastest-levenshtein), and
 * allow at most a few edits whatever the length: see lib/unification/engine/fuzzy-levels.ts.
 */
export const precisions = ["exact", "high", "medium", "low"] as const;
export type TPrecision = (typeof precisions)[number];

/**
 * How one attribute's value is chosen among a profile's source records.
 * `sourcePriority`: from the first source in `sourceOrder` that has a value; `mostRecent`: from
 * the record with the latest recency date (each source's `recencyColumn`); `firstNonEmpty`: from
 * the first record, in the order of the configuration's sources, that has a value; `longest`:
 * the longest text; `max` / `min`: the greatest / least number or date; `sum`: the sum of numbers.
 */
export const mergePolicyKinds = ["sourcePriority", "mostRecent", "firstNonEmpty", "longest", "max", "min", "sum"] as const;
export type TMergePolicyKind = (typeof mergePolicyKinds)[number];

/** Date formats a mapped column may use; ISO 8601 (with or without a time) is always accepted. */
export const dateFormats = ["iso", "dmy", "mdy"] as const;
export type TDateFormat = (typeof dateFormats)[number];

// The run's stages: shared with the unification.refresh.completed event, so declared beside it.
export { unificationStages, type TUnificationStage } from "../triggers/types/unification-run-shapes";
