import { describe, expect, it } from "vitest";
import { ZThresholdSettings } from "@/lib/triggers/types/threshold-crossed";
import { dayInputValue, emptyThresholdDraft, parseDecimal, thresholdParameters, usableParameters } from "./threshold-draft";
import { DAY_MS } from "./threshold-values";

describe("threshold fields to parameters", () => {
  it("reads numbers typed with a point or a comma, and nothing else", () => {
    expect(parseDecimal(" 1234.5 ")).toBe(1234.5);
    expect(parseDecimal("1234,5")).toBe(1234.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("")).toBeNaN();
    expect(parseDecimal("12abc")).toBeNaN();
    expect(parseDecimal("1e5")).toBeNaN();
  });

  it("builds what the API's schema takes", () => {
    const parameters = thresholdParameters({ threshold: "10000", direction: "below", hysteresisKind: "percent", hysteresisValue: "5" }, "count");
    expect(parameters).toEqual({ threshold: 10000, direction: "below", hysteresis: { kind: "percent", value: 5 } });
    expect(ZThresholdSettings.safeParse(parameters).success).toBe(true);
  });

  it("an empty threshold is refused by the schema with its own message, and is not back-tested", () => {
    const parameters = thresholdParameters(emptyThresholdDraft, "number");
    const parsed = ZThresholdSettings.safeParse(parameters);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Enter the threshold as a number.");
    expect(usableParameters(parameters)).toBeNull();
    expect(usableParameters(thresholdParameters({ ...emptyThresholdDraft, threshold: "5", hysteresisKind: "absolute", hysteresisValue: "" }, "number"))).toBeNull();
  });

  it("a date measure's threshold is a day and its absolute margin days", () => {
    const parameters = thresholdParameters({ threshold: "2026-11-27", direction: "above", hysteresisKind: "absolute", hysteresisValue: "2" }, "date");
    expect(parameters.threshold).toBe(Date.UTC(2026, 10, 27));
    expect(parameters.hysteresis).toEqual({ kind: "absolute", value: 2 * DAY_MS });
    expect(dayInputValue(parameters.threshold)).toBe("2026-11-27");
  });
});
