import { z } from "zod";
import { ZId } from "../ids/schemas";
import {
  attributeTypes,
  dateFormats,
  normalizations,
  precisions,
  standardAttributeNames,
  unificationStages,
  type TAttributeType,
  type TMergePolicyKind,
} from "./attributes";

// Shapes of unification shared by the Unify screens and the API. One schema per shape.

export const ZAttributeType = z.enum(attributeTypes);
export const ZNormalization = z.enum(normalizations);
export const ZPrecision = z.enum(precisions);
export const ZDateFormat = z.enum(dateFormats);

/** camelCase, as the standard attributes: it names a JSON key and, later, a segment's field. */
export const ZAttributeName = z
  .string()
  .trim()
  .regex(/^[a-z][A-Za-z0-9]{0,63}$/, "An attribute name starts with a lowercase letter and has only letters and digits.");

const ZColumnName = z.string().trim().min(1, "Choose a column.").max(128);

export const ZCustomAttribute = z
  .object({
    name: ZAttributeName.refine((name) => !standardAttributeNames.includes(name), "A standard attribute has this name."),
    type: ZAttributeType,
  })
  .strict();
export type TCustomAttribute = z.infer<typeof ZCustomAttribute>;

export const ZColumnMapping = z
  .object({
    column: ZColumnName,
    attribute: ZAttributeName,
    /** How a date column is written, when it is not ISO 8601 (day/month/year or month/day/year). */
    dateFormat: ZDateFormat.default("iso"),
  })
  .strict();

/** Which columns of one data source feed which profile attribute. */
export const ZSourceMapping = z
  .object({
    dataSourceId: ZId,
    /** The column that identifies a record of this source: a profile keeps its id while its records keep theirs. */
    primaryKeyColumn: ZColumnName,
    /** A date column saying how recent a record is, for the `mostRecent` merge policy; null if none. */
    recencyColumn: ZColumnName.nullable().default(null),
    recencyDateFormat: ZDateFormat.default("iso"),
    columns: z
      .array(ZColumnMapping)
      .max(200)
      .refine((columns) => new Set(columns.map((c) => c.attribute)).size === columns.length, "Map each attribute from one column of a source."),
  })
  .strict();
export type TSourceMapping = z.infer<typeof ZSourceMapping>;

export const ZMatchCondition = z
  .object({
    attribute: ZAttributeName,
    normalizations: z.array(ZNormalization).max(normalizations.length).default([]),
    precision: ZPrecision.default("exact"),
  })
  .strict();
export type TMatchCondition = z.infer<typeof ZMatchCondition>;

/** Every condition of a rule must hold; any rule that holds links two records. */
export const ZMatchRule = z
  .object({
    /** Kept across edits so a profile's records keep naming the rule that joined them; assigned when absent. */
    id: z.string().regex(/^rule_[A-Za-z0-9]{1,40}$/, "Invalid rule id.").optional(),
    name: z.string().trim().min(1, "Give the rule a name.").max(80),
    conditions: z.array(ZMatchCondition).min(1, "A rule needs at least one condition.").max(10),
  })
  .strict();
export type TMatchRule = z.infer<typeof ZMatchRule>;

const simplePolicy = <K extends string>(kind: K) => z.object({ kind: z.literal(kind) }).strict();
export const ZMergePolicy = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sourcePriority"), sourceOrder: z.array(ZId).max(20) }).strict(),
  simplePolicy("mostRecent"),
  simplePolicy("firstNonEmpty"),
  simplePolicy("longest"),
  simplePolicy("max"),
  simplePolicy("min"),
  simplePolicy("sum"),
]);
export type TMergePolicy = z.infer<typeof ZMergePolicy>;
// The union lists every kind of attributes.ts, and only those.
type SameKinds = [TMergePolicy["kind"]] extends [TMergePolicyKind] ? ([TMergePolicyKind] extends [TMergePolicy["kind"]] ? true : never) : never;
export const mergePolicyUnionIsComplete: SameKinds = true;

/** ISO 3166-1 alpha-2: the country a phone number without an international prefix belongs to. */
export const ZCountryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Enter a two-letter country code.");

/**
 * The whole unification configuration of an instance, replaced as one (PUT). Attributes without
 * a merge policy take `firstNonEmpty`.
 */
export const ZUnificationConfig = z
  .object({
    customAttributes: z
      .array(ZCustomAttribute)
      .max(50)
      .refine((attributes) => new Set(attributes.map((a) => a.name)).size === attributes.length, "Attribute names must be unique."),
    sources: z
      .array(ZSourceMapping)
      .max(20)
      .refine((sources) => new Set(sources.map((s) => s.dataSourceId)).size === sources.length, "Map each data source once."),
    rules: z.array(ZMatchRule).max(20),
    mergePolicies: z.record(ZAttributeName, ZMergePolicy).default({}),
    defaultPhoneCountry: ZCountryCode.default("US"),
  })
  .strict();
export type TUnificationConfigInput = z.input<typeof ZUnificationConfig>;
export type TUnificationConfig = z.infer<typeof ZUnificationConfig> & { rules: Array<TMatchRule & { id: string }> };

/** A mapped value: text as is, numbers as numbers, dates as YYYY-MM-DD, booleans as booleans. */
export type TAttributeValue = string | number | boolean | null;
export type TProfileAttributes = Record<string, TAttributeValue>;
export type TAttributeDefinition = { name: string; type: TAttributeType; standard: boolean };

export const ZUnificationParams = z.object({ instanceId: ZId });
export const ZUnificationRunParams = z.object({ instanceId: ZId, runId: ZId });
export const ZProfileParams = z.object({ instanceId: ZId, profileId: ZId });

/** OData-style paging, as Power Automate's connector expects; `search` matches name, email and phone. */
export const ZListProfilesQuery = z
  .object({
    search: z.string().trim().max(200).optional(),
    $top: z.coerce.number().int().min(1).max(200).default(50),
    $skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

/** A page of runs, newest first: OData-style paging, as the profiles. */
export const ZListUnificationRunsQuery = z
  .object({
    $top: z.coerce.number().int().min(1).max(200).default(20),
    $skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const ZUnificationStage = z.enum(unificationStages);
export {
  unificationRunStatuses,
  type TInvalidValueCount,
  type TMapSourceCounts,
  type TStageCounts,
  type TUnificationRunStatus,
  type TUnificationStageResult,
} from "../triggers/types/unification-run-shapes";
import type { TUnificationRunStatus, TUnificationStageResult } from "../triggers/types/unification-run-shapes";

export type TUnificationRun = {
  id: string;
  instanceId: string;
  status: TUnificationRunStatus;
  submissionKind: "onDemand" | "scheduled";
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  stages: TUnificationStageResult[];
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
};

export type TCustomerProfile = {
  id: string;
  attributes: TProfileAttributes;
  sourceRecordCount: number;
  createdAt: string;
  updatedAt: string;
};

export type TProfileSourceRecord = {
  dataSourceId: string;
  dataSourceName: string;
  recordKey: string;
  attributes: TProfileAttributes;
  /** The rule that linked this record into the profile, and the record it matched; null for the profile's first record. */
  joinedBy: { ruleId: string; ruleName: string; matchedRecord: { dataSourceId: string; recordKey: string } } | null;
};

export type TCustomerProfileDetail = TCustomerProfile & { sourceRecords: TProfileSourceRecord[] };
