import { z } from "zod";
import { type CrossedDirection, hysteresisKinds, hysteresisMargin, thresholdDirections, type ThresholdParameters } from "../thresholds/crossing";
import type { SampleContext } from "./definition";
import { ZEventInstance, ZEventTime } from "./event-data-parts";

// What the two threshold types share: their own parameters (next to the watched segment or
// measure) and the part of their events' data that describes the crossing.
// lib/threshold-crossings/evaluate-crossings.ts builds real events with it, test-fires sample ones.

const thresholdNumber = z.number({ error: "Enter the threshold as a number." });

export const ZThresholdSettings = z.object({
  threshold: thresholdNumber,
  /** `above` is what Customer Insights offers, hence the default. */
  direction: z.enum(thresholdDirections).default("above"),
  /** After a firing, how far back past the threshold the value must go before the trigger can fire again. */
  hysteresis: z
    .object({
      kind: z.enum(hysteresisKinds),
      value: z.number({ error: "The margin must be a number, zero or more." }).min(0, "The margin must be a number, zero or more."),
    })
    .nullable()
    .optional(),
});
export type TThresholdSettings = z.infer<typeof ZThresholdSettings>;

/** One crossing, as the evaluator found it. */
export type ThresholdCrossing = {
  instance: { id: string; name: string };
  settings: ThresholdParameters;
  crossed: CrossedDirection;
  previousValue: number;
  currentValue: number;
  computedAt: Date;
  /** The full refresh job that computed the value; null when it was computed on its own. */
  refreshJobId: string | null;
};

/** The crossing's part of a threshold event's `data`. */
export const ZCrossingData = z.strictObject({
  instance: ZEventInstance,
  threshold: z.number(),
  direction: z.enum(thresholdDirections),
  crossed: z.enum(["above", "below"]),
  previousValue: z.number(),
  currentValue: z.number(),
  hysteresis: z.strictObject({ kind: z.enum(hysteresisKinds), value: z.number(), margin: z.number() }).nullable(),
  computedAt: ZEventTime,
  refreshJobId: z.string().nullable(),
});

export const buildCrossingData = ({ instance, settings, crossed, previousValue, currentValue, computedAt, refreshJobId }: ThresholdCrossing) => ({
  instance: { id: instance.id, name: instance.name },
  threshold: settings.threshold,
  direction: settings.direction,
  crossed,
  previousValue,
  currentValue,
  hysteresis: settings.hysteresis
    ? { kind: settings.hysteresis.kind, value: settings.hysteresis.value, margin: hysteresisMargin(settings) }
    : null,
  computedAt: computedAt.toISOString(),
  refreshJobId,
});

/**
 * A crossing that happened a moment ago, of the registration's own threshold when the test-fire
 * knows it (else `fallbackThreshold`), the way it watches (`below` crosses downwards; `above`
 * and `either` upwards), by a few percent: a value the flow could really receive.
 */
export const sampleCrossing = (
  { instance, now, newId, parameters }: SampleContext,
  fallbackThreshold: number,
): ThresholdCrossing => {
  const known = ZThresholdSettings.safeParse(parameters);
  const settings: ThresholdParameters = known.success ? known.data : { threshold: fallbackThreshold, direction: "above", hysteresis: null };
  const step = Math.max(1, Math.round(Math.abs(settings.threshold) * 0.04));
  const crossed: CrossedDirection = settings.direction === "below" ? "below" : "above";
  const sign = crossed === "above" ? 1 : -1;
  return {
    instance,
    settings: { ...settings, hysteresis: settings.hysteresis ?? null },
    crossed,
    previousValue: settings.threshold - sign * step,
    currentValue: settings.threshold + sign * step,
    computedAt: now,
    refreshJobId: newId("job_sample"),
  };
};
