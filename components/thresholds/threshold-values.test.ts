import { describe, expect, it } from "vitest";
import { createFormatters } from "@/lib/i18n/format";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";
import { backtestHistory, chartDomain, formatValue, historyPoints, hysteresisBand, relativeChange } from "./threshold-values";

const format = createFormatters("en", createTranslator(en));
const at = (day: number) => `2026-11-${String(day).padStart(2, "0")}T08:00:00.000Z`;
/** Computations as the API lists them: newest first. */
const newestFirst = (values: (number | null)[]) => values.map((value, i) => ({ value, computedAt: at(i + 1) })).reverse();

describe("history points", () => {
  it("keeps the newest computations and draws them oldest first", () => {
    const points = historyPoints(newestFirst([1, 2, 3, 4]), 3);
    expect(points.map((p) => p.value)).toEqual([2, 3, 4]);
    expect(points.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(points[0]!.computedAt).toBe(at(2));
  });
});

describe("the back-test over the history shown", () => {
  const points = historyPoints(newestFirst([90, 110, 95, 120, 80, 130]));

  it("starts from the oldest value and replays the rest with the live state machine", () => {
    const result = backtestHistory({ threshold: 100, direction: "above" }, points)!;
    expect(result.runs).toBe(5);
    expect(result.fireCount).toBe(3);
    // Indexes are the points' own (the baseline is 0).
    expect(result.firings.map((f) => f.index)).toEqual([1, 3, 5]);
  });

  it("a margin keeps a value hovering near the threshold from firing again", () => {
    const result = backtestHistory({ threshold: 100, direction: "above", hysteresis: { kind: "absolute", value: 10 } }, points)!;
    // 95 is not 10 below 100, so 120 does not fire; 80 re-arms, 130 fires.
    expect(result.firings.map((f) => f.index)).toEqual([1, 5]);
  });

  it("below and either count the other crossings", () => {
    expect(backtestHistory({ threshold: 100, direction: "below" }, points)!.fireCount).toBe(2);
    expect(backtestHistory({ threshold: 100, direction: "either" }, points)!.fireCount).toBe(5);
  });

  it("a baseline past the threshold counts as already fired", () => {
    const high = historyPoints(newestFirst([150, 160, 140]));
    expect(backtestHistory({ threshold: 100, direction: "above" }, high)!.fireCount).toBe(0);
  });

  it("needs a run after the baseline", () => {
    expect(backtestHistory({ threshold: 1, direction: "above" }, historyPoints(newestFirst([5])))).toBeNull();
  });
});

describe("chart helpers", () => {
  it("the band spans the margin either side of the threshold, none without one", () => {
    expect(hysteresisBand({ threshold: 100, direction: "above" }, 10)).toEqual({ from: 90, to: 110 });
    expect(hysteresisBand({ threshold: 100, direction: "above" }, 0)).toBeNull();
  });

  it("the domain holds the values, the threshold and the band, with room", () => {
    expect(chartDomain([10, null, 20], [30])).toEqual([8, 32]);
    expect(chartDomain([5, 5], [])).toEqual([4, 6]);
    expect(chartDomain([null], [])).toBeNull();
  });

  it("values read per kind", () => {
    expect(formatValue(12345, "count", format)).toBe("12,345");
    expect(formatValue(1234.567, "number", format)).toBe("1,234.57");
    expect(formatValue(Date.UTC(2026, 10, 27), "date", format)).toBe("Nov 27, 2026");
  });

  it("the change is relative to the previous value, unknown without one", () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1);
    expect(relativeChange(90, -100)).toBeCloseTo(1.9);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});
