import { defineTriggerType } from "./definition";
import { subjects } from "./subjects";
import { z } from "zod";
import { buildCrossingData, sampleCrossing, type ThresholdCrossing, ZCrossingData, ZThresholdSettings } from "./threshold-crossed";

// A segment's size crossed the registration's threshold (SPEC §3: crossing, not being over).

export type SegmentThresholdEventInput = ThresholdCrossing & { segment: { id: string; name: string } };

export const buildSegmentThresholdEventData = ({ segment, ...crossing }: SegmentThresholdEventInput) => ({
  segment: { id: segment.id, name: segment.name },
  ...buildCrossingData(crossing),
});

/** One segment of the instance, and how its size must cross which threshold. */
export const segmentThresholdCrossed = defineTriggerType("segment.threshold.crossed", {
  parameters: subjects.segment.parameters.extend(ZThresholdSettings.shape),
  data: z.strictObject({ segment: z.strictObject({ id: z.string(), name: z.string() }), ...ZCrossingData.shape }),
  buildData: buildSegmentThresholdEventData,
  sampleInput: (context) => ({
    ...sampleCrossing(context, 10_000),
    segment: context.segment ?? { id: "sample-segment", name: "High-value customers (sample)" },
  }),
});
