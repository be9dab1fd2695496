import { describe, expect, it } from "vitest";
import { createFormatters } from "@/lib/i18n/format";
import { ca } from "@/lib/i18n/messages/ca";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";
import { describeBacktest, describeCrossingState, describeDirection, describeHysteresis } from "./threshold-words";
import { DAY_MS } from "./threshold-values";

const words = (() => {
  const t = createTranslator(en);
  return { t, format: createFormatters("en", t) };
})();
const wordsCa = (() => {
  const t = createTranslator(ca);
  return { t, format: createFormatters("ca", t) };
})();

describe("a threshold in words", () => {
  it("says the direction with the threshold formatted for its kind", () => {
    expect(describeDirection({ threshold: 10000, direction: "above" }, "count", words)).toBe("Rises above 10,000");
    expect(describeDirection({ threshold: 2.5, direction: "below" }, "number", words)).toBe("Falls below 2.5");
    expect(describeDirection({ threshold: Date.UTC(2026, 0, 5), direction: "either" }, "date", words)).toBe("Crosses Jan 5, 2026, either way");
    expect(describeDirection({ threshold: 10000, direction: "above" }, "count", wordsCa)).toMatch(/^Puja per sobre de 10\.000$/);
  });

  it("says the margin: none, an amount, a percentage with its amount, or days", () => {
    expect(describeHysteresis({ threshold: 100, direction: "above" }, "count", words)).toBe("None: every new crossing fires");
    expect(describeHysteresis({ threshold: 100, direction: "above", hysteresis: { kind: "absolute", value: 5 } }, "count", words)).toMatch(/^5: after firing/);
    expect(describeHysteresis({ threshold: 200, direction: "above", hysteresis: { kind: "percent", value: 10 } }, "number", words)).toMatch(/^10% of the threshold \(20\)/);
    expect(describeHysteresis({ threshold: 0, direction: "above", hysteresis: { kind: "absolute", value: 3 * DAY_MS } }, "date", words)).toMatch(/^3 days:/);
  });

  it("the back-test sentence, singular and plural", () => {
    expect(describeBacktest(1, 1, words)).toBe("Would have fired once over the last run.");
    expect(describeBacktest(3, 19, words)).toBe("Would have fired 3 times over the last 19 runs.");
    expect(describeBacktest(0, 5, words)).toBe("Would have fired 0 times over the last 5 runs.");
    expect(describeBacktest(2, 9, wordsCa)).toBe("S'hauria activat 2 vegades en les últimes 9 execucions.");
  });

  it("the state: no value yet, ready, or waiting to re-arm the way it watches", () => {
    const above = { threshold: 100, direction: "above" as const };
    expect(describeCrossingState(above, { lastValue: null, armedAbove: false, armedBelow: false }, "count", words)).toMatch(/^No value seen yet/);
    expect(describeCrossingState(above, { lastValue: 90, armedAbove: true, armedBelow: false }, "count", words)).toMatch(/^Last value seen: 90\. Ready/);
    expect(describeCrossingState(above, { lastValue: 120, armedAbove: false, armedBelow: true }, "count", words)).toMatch(/Not ready: the value must first go back/);
    expect(describeCrossingState({ ...above, direction: "below" }, { lastValue: 120, armedAbove: false, armedBelow: true }, "count", words)).toMatch(/Ready/);
  });
});
