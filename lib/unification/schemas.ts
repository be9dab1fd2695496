import { z } from "zod";
import { ZId } from "../ids/schemas";
import { unificationRunStatuses } from "../triggers/types/unification-run-shapes";
import { ZUnificationStageResult } from "../triggers/types/unification-run-schemas";
import {
  attributeTypes,
  dateFormats,
  normalizations,
  precisions,
  standardAttributeNames,
  unificationStages,
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
  .regex(/^[a-z][A-Za-z0-9]{0,63}$/, "An attribute name starts with a lowercase letter and has only letters and digits.")
  // Names every JavaScript object already has (constructor, toString…) would read as a value of every record.
  .refine((name) => !(name in Object.prototype), "This name is reserved. Choose another one.");

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

export type TAttributeValue = z.infer<typeof ZAttributeValue>;
export type TProfileAttributes = z.infer<typeof ZProfileAttributes>;
export type TAttributeDefinition = z.infer<typeof ZAttributeDefinition>;

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

// The run's stage schemas live beside their zod-free shapes, below the trigger types (the event
// publishes them too); the API document takes them from there.
export { ZUnificationStageResult };

export const ZUnificationRun = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    status: z.enum(unificationRunStatuses),
    submissionKind: z.enum(["onDemand", "scheduled"]),
    submittedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    stages: z.array(ZUnificationStageResult),
    /** A successful run that found the inputs (rows, configuration) of the latest successful one, with the profiles as it left them: it wrote none and reports that run's counts. */
    inputUnchanged: z.boolean(),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  })
  .meta({ id: "UnificationRun" });
export type TUnificationRun = z.infer<typeof ZUnificationRun>;

export const ZUnificationRunPage = z.object({ runs: z.array(ZUnificationRun), total: z.number().int() });

/** A mapped value: text as is, numbers as numbers, dates as YYYY-MM-DD, booleans as booleans. */
export const ZAttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZProfileAttributes = z.record(z.string(), ZAttributeValue);

export const ZCustomerProfile = z
  .object({
    id: z.string(),
    attributes: ZProfileAttributes,
    sourceRecordCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "CustomerProfile" });
export type TCustomerProfile = z.infer<typeof ZCustomerProfile>;

export const ZCustomerProfilePage = z.object({ profiles: z.array(ZCustomerProfile), total: z.number().int() });

export const ZProfileSourceRecord = z.object({
  dataSourceId: z.string(),
  dataSourceName: z.string(),
  recordKey: z.string(),
  attributes: ZProfileAttributes,
  /** The rule that linked this record into the profile, and the record it matched; null for the profile's first record. */
  joinedBy: z
    .object({
      ruleId: z.string(),
      ruleName: z.string(),
      matchedRecord: z.object({ dataSourceId: z.string(), recordKey: z.string() }),
    })
    .nullable(),
});
export type TProfileSourceRecord = z.infer<typeof ZProfileSourceRecord>;

export const ZCustomerProfileDetail = ZCustomerProfile.extend({ sourceRecords: z.array(ZProfileSourceRecord) }).meta({
  id: "CustomerProfileDetail",
});
export type TCustomerProfileDetail = z.infer<typeof ZCustomerProfileDetail>;

export const ZAttributeDefinition = z.object({ name: z.string(), type: ZAttributeType, standard: z.boolean() });

/** The configuration as stored and returned: every rule has its id. */
export const ZStoredUnificationConfig = ZUnificationConfig.extend({ rules: z.array(ZMatchRule.extend({ id: z.string() })) });

/** GetUnificationConfig's answer: the configuration, the instance's attributes, and when it was last saved (null: never). */
export const ZUnificationConfigView = z
  .object({ config: ZStoredUnificationConfig, attributes: z.array(ZAttributeDefinition), updatedAt: z.string().nullable() })
  .meta({ id: "UnificationConfigView" });
export type TUnificationConfigView = z.infer<typeof ZUnificationConfigView>;
