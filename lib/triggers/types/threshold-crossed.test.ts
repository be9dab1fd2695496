import { describe, expect, it } from "vitest";
import { initialCrossingState, stepCrossing, type ThresholdDirection } from "../thresholds/crossing";
import { sampleCrossing, ZThresholdSettings } from "./threshold-crossed";

const context = { instance: { id: "i", name: "Instance" }, now: new Date("2026-11-27T10:00:00Z"), newId: (prefix: string) => `${prefix}_1` };

describe("threshold parameters", () => {
  it("default to above, without a margin", () => {
    expect(ZThresholdSettings.parse({ threshold: 5 })).toEqual({ threshold: 5, direction: "above" });
  });

  it("refuse what is not a threshold or a margin", () => {
    for (const value of [{}, { threshold: "5" }, { threshold: Infinity }, { threshold: 5, direction: "up" }, { threshold: 5, hysteresis: { kind: "absolute", value: -1 } }]) {
      expect(ZThresholdSettings.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});

describe("the sample crossing", () => {
  it.each<ThresholdDirection>(["above", "below", "either"])("is a crossing the live step would report, of the registration's own threshold (%s)", (direction) => {
    const parameters = { threshold: 2_500, direction, hysteresis: { kind: "absolute" as const, value: 10 } };
    const sample = sampleCrossing({ ...context, parameters }, 10);
    expect(sample.settings).toEqual(parameters);
    const step = stepCrossing(sample.settings, initialCrossingState(sample.settings, sample.previousValue), sample.currentValue);
    expect(step).toMatchObject({ fire: true, crossed: sample.crossed });
  });

  it("makes up a threshold when the parameters are unknown or not a threshold's", () => {
    for (const parameters of [undefined, { dataSourceId: null }]) {
      const sample = sampleCrossing({ ...context, parameters }, 10_000);
      expect(sample).toMatchObject({ settings: { threshold: 10_000, direction: "above", hysteresis: null }, crossed: "above" });
      expect(sample.previousValue).toBeLessThanOrEqual(10_000);
      expect(sample.currentValue).toBeGreaterThan(10_000);
    }
  });
});
