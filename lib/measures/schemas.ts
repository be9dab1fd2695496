import { z } from "zod";
import { ZId } from "../ids/schemas";
import { measureAggregations, measureValueKinds } from "./measure-vocabulary";

// Shapes of business measures shared by the measure screens and the API. Whether the attribute
// exists and suits the aggregation, and whether the segment is the instance's, is checked on the
// server (validate-measure.ts).

export const ZMeasureAggregation = z.enum(measureAggregations);

const ZMeasureName = z.string().trim().min(1, "Give the measure a name.").max(120, "Keep the name under 120 characters.");
const ZDescription = z.string().trim().max(1000, "Keep the description under 1000 characters.");
const ZAttributeRef = z.string().trim().min(1, "Choose an attribute.").max(64);

const attributeRequired = "Choose the attribute to aggregate.";

export const ZMeasureInput = z
  .object({
    name: ZMeasureName,
    description: ZDescription.default(""),
    aggregation: ZMeasureAggregation,
    /** Required except for count, where null counts profiles (an attribute: the profiles that have a value). */
    attribute: ZAttributeRef.nullable().default(null),
    /** Aggregate within this segment's members; null: all the instance's profiles. */
    segmentId: ZId.nullable().default(null),
  })
  .strict()
  .refine((input) => input.aggregation === "count" || input.attribute !== null, { message: attributeRequired, path: ["attribute"] });
export type TMeasureInput = z.infer<typeof ZMeasureInput>;

export const ZUpdateMeasure = z
  .object({
    name: ZMeasureName.optional(),
    description: ZDescription.optional(),
    aggregation: ZMeasureAggregation.optional(),
    attribute: ZAttributeRef.nullable().optional(),
    segmentId: ZId.nullable().optional(),
  })
  .strict()
  .refine((update) => Object.values(update).some((value) => value !== undefined), "Nothing to update.");
export type TUpdateMeasure = z.infer<typeof ZUpdateMeasure>;

export const measureIssueMessages = {
  attributeRequired,
  aggregationType: "This aggregation does not apply to the attribute's type.",
  unknownSegment: "The segment was not found in this instance.",
} as const;

export const ZMeasureParams = z.object({ instanceId: ZId, measureId: ZId });

export const ZMeasureComputation = z
  .object({ id: z.string(), value: z.number().nullable(), computedAt: z.string(), durationMs: z.number().int(), refreshJobId: z.string().nullable() })
  .meta({ id: "MeasureComputation" });
export type TMeasureComputation = z.infer<typeof ZMeasureComputation>;

/** A measure with its latest value and the one before it (null until computed, or with nothing to aggregate). */
export const ZMeasure = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    aggregation: ZMeasureAggregation,
    attribute: z.string().nullable(),
    segmentId: z.string().nullable(),
    /** How to read the value: a count, a number, or a date as milliseconds since 1970 (its midnight UTC). */
    valueKind: z.enum(measureValueKinds),
    value: z.number().nullable(),
    previousValue: z.number().nullable(),
    computedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Measure" });
export type TMeasure = z.infer<typeof ZMeasure>;

export const ZMeasureDetail = ZMeasure.extend({ computations: z.array(ZMeasureComputation) }).meta({ id: "MeasureDetail" });
export type TMeasureDetail = z.infer<typeof ZMeasureDetail>;
