import { defineTriggerType } from "./definition";
import { subjects } from "./subjects";
import { z } from "zod";
import { buildCrossingData, sampleCrossing, type ThresholdCrossing, ZCrossingData, ZThresholdSettings } from "./threshold-crossed";

// A business measure's value crossed the registration's threshold (SPEC §3: crossing, not being over).

export type MeasureThresholdEventInput = ThresholdCrossing & {
  /** What the value is, so a flow can word it without calling back: the aggregation of which attribute, within which segment. */
  measure: { id: string; name: string; aggregation: string; attribute: string | null; segmentId: string | null };
};

export const buildMeasureThresholdEventData = ({ measure, ...crossing }: MeasureThresholdEventInput) => ({
  measure: { id: measure.id, name: measure.name, aggregation: measure.aggregation, attribute: measure.attribute, segmentId: measure.segmentId },
  ...buildCrossingData(crossing),
});

/** One measure of the instance, and how its value must cross which threshold. */
export const measureThresholdCrossed = defineTriggerType("measure.threshold.crossed", {
  parameters: subjects.measure.parameters.extend(ZThresholdSettings.shape),
  data: z.strictObject({
    measure: z.strictObject({ id: z.string(), name: z.string(), aggregation: z.string(), attribute: z.string().nullable(), segmentId: z.string().nullable() }),
    ...ZCrossingData.shape,
  }),
  buildData: buildMeasureThresholdEventData,
  sampleInput: (context) => ({
    ...sampleCrossing(context, 50_000),
    measure: context.measure ?? { id: "sample-measure", name: "Total order value (sample)", aggregation: "sum", attribute: "orderValue", segmentId: null },
  }),
});
