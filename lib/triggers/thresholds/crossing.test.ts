import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtest,
  type CrossingState,
  hysteresisMargin,
  initialCrossingState,
  stepCrossing,
  type ThresholdDirection,
  type ThresholdParameters,
  thresholdDirections,
} from "./crossing";

const T = 100;
const run = (parameters: ThresholdParameters, series: (number | null)[], baseline: number | null) =>
  backtest(parameters, series, baseline).firings.map(({ index, crossed }) => `${index}:${crossed}`);

describe("stepCrossing", () => {
  it("fires on the move over T, not while the value stays over", () => {
    expect(run({ threshold: T, direction: "above" }, [90, 101, 150, 120, 101], 80)).toEqual(["1:above"]);
  });

  it("counts a move from exactly T as a crossing, and a move to exactly T as none", () => {
    expect(run({ threshold: T, direction: "above" }, [100, 101], 90)).toEqual(["1:above"]);
    expect(run({ threshold: T, direction: "below" }, [100, 99], 110)).toEqual(["1:below"]);
    expect(run({ threshold: T, direction: "either" }, [100, 100], 90)).toEqual([]);
  });

  it("re-arms once the value is back on the other side, and fires again", () => {
    expect(run({ threshold: T, direction: "above" }, [120, 100, 130, 90, 110], 50)).toEqual(["0:above", "2:above", "4:above"]);
  });

  it("below and either", () => {
    expect(run({ threshold: T, direction: "below" }, [90, 120, 80, 70], 150)).toEqual(["0:below", "2:below"]);
    expect(run({ threshold: T, direction: "either" }, [120, 80, 85, 130], 100)).toEqual(["0:above", "1:below", "3:above"]);
  });

  it("with hysteresis, re-arms only past T − margin (absolute) or T − p % of |T|", () => {
    const absolute: ThresholdParameters = { threshold: T, direction: "above", hysteresis: { kind: "absolute", value: 10 } };
    expect(run(absolute, [101, 95, 101, 90, 101], 50)).toEqual(["0:above", "4:above"]);
    const percent: ThresholdParameters = { threshold: -200, direction: "below", hysteresis: { kind: "percent", value: 5 } };
    expect(hysteresisMargin(percent)).toBe(10);
    expect(run(percent, [-201, -195, -201, -190, -201], 0)).toEqual(["0:below", "4:below"]);
  });

  it("a baseline past T starts disarmed, as after a firing", () => {
    expect(run({ threshold: T, direction: "above" }, [150, 110], 120)).toEqual([]);
    expect(run({ threshold: T, direction: "above", hysteresis: { kind: "absolute", value: 5 } }, [97, 110, 94, 110], 120)).toEqual(["3:above"]);
  });

  it("without a baseline, the first value becomes it and fires nothing", () => {
    expect(initialCrossingState({ threshold: T }, null)).toEqual({ lastValue: null, armedAbove: false, armedBelow: false });
    expect(run({ threshold: T, direction: "above" }, [150, 90, 110], null)).toEqual(["2:above"]);
    expect(run({ threshold: T, direction: "above" }, [50, 150], null)).toEqual(["1:above"]);
  });

  it("a null value changes nothing", () => {
    const state: CrossingState = { lastValue: 90, armedAbove: true, armedBelow: false };
    expect(stepCrossing({ threshold: T, direction: "above" }, state, null)).toEqual({ fire: false, crossed: null, state });
    expect(run({ threshold: T, direction: "above" }, [null, 150], 90)).toEqual(["1:above"]);
  });

  it("reports the value it crossed from", () => {
    expect(backtest({ threshold: T, direction: "above" }, [90, 130], 95).firings).toEqual([{ index: 1, crossed: "above", previousValue: 90, value: 130 }]);
  });
});

// Values near T (and T itself) so that crossings, ties and margins all happen often.
const value = fc.oneof(fc.integer({ min: 80, max: 120 }), fc.constant(T));
const series = fc.array(value, { maxLength: 40 });
const baseline = fc.option(value, { nil: null });
const direction = fc.constantFrom<ThresholdDirection>(...thresholdDirections);
const hysteresis = fc.option(
  fc.record({ kind: fc.constantFrom("absolute" as const, "percent" as const), value: fc.integer({ min: 0, max: 15 }) }),
  { nil: null },
);

const crossesAt = (direction: ThresholdDirection, previous: number, next: number) =>
  ((direction === "above" || direction === "either") && previous <= T && next > T) ||
  ((direction === "below" || direction === "either") && previous >= T && next < T);

describe("crossing properties", () => {
  it("without hysteresis, fires exactly where the value crosses T, the way asked", () => {
    fc.assert(
      fc.property(direction, series, baseline, (direction, values, start) => {
        const fired = backtest({ threshold: T, direction }, values, start).firings.map((firing) => firing.index);
        const expected: number[] = [];
        let previous = start;
        values.forEach((next, index) => {
          if (previous !== null && crossesAt(direction, previous, next)) expected.push(index);
          previous = next;
        });
        expect(fired).toEqual(expected);
      }),
    );
  });

  it("never fires the same way twice without passing the re-arming point in between", () => {
    fc.assert(
      fc.property(direction, series, baseline, hysteresis, (direction, values, start, margin) => {
        const parameters = { threshold: T, direction, hysteresis: margin };
        const m = hysteresisMargin(parameters);
        const { firings } = backtest(parameters, values, start);
        for (let i = 1; i < firings.length; i++) {
          const [before, after] = [firings[i - 1]!, firings[i]!];
          if (before.crossed !== after.crossed) continue;
          const between = values.slice(before.index + 1, after.index);
          const rearmed = before.crossed === "above" ? between.some((v) => v <= T - m) : between.some((v) => v >= T + m);
          expect(rearmed, `${before.crossed} at ${before.index} and ${after.index}`).toBe(true);
        }
      }),
    );
  });

  it("with hysteresis, re-arms exactly once the value passes T ∓ margin", () => {
    fc.assert(
      fc.property(series, baseline, hysteresis, (values, start, margin) => {
        const parameters = { threshold: T, direction: "above" as const, hysteresis: margin };
        const m = hysteresisMargin(parameters);
        // The model: armed unless it fired since the value was last at or below T − m (the baseline arms at T).
        let armed = start !== null && start <= T;
        let known = start !== null;
        const expected: number[] = [];
        values.forEach((v, index) => {
          if (!known) {
            known = true;
            armed = v <= T;
            return;
          }
          if (armed && v > T) {
            expected.push(index);
            armed = false;
          } else if (v <= T - m) armed = true;
        });
        expect(backtest(parameters, values, start).firings.map((firing) => firing.index)).toEqual(expected);
      }),
    );
  });

  it("the back-test agrees with the live evaluation, one computation at a time", () => {
    fc.assert(
      fc.property(direction, fc.array(fc.option(value, { nil: null }), { maxLength: 40 }), baseline, hysteresis, (direction, values, start, margin) => {
        const parameters = { threshold: T, direction, hysteresis: margin };
        // Live: the state goes through JSON between computations, as it does through the database.
        let stored = JSON.stringify(initialCrossingState(parameters, start));
        const live: number[] = [];
        values.forEach((v, index) => {
          const step = stepCrossing(parameters, JSON.parse(stored) as CrossingState, v);
          if (step.fire) live.push(index);
          stored = JSON.stringify(step.state);
        });
        const result = backtest(parameters, values, start);
        expect(result.firings.map((firing) => firing.index)).toEqual(live);
        expect(result.fireCount).toBe(live.length);
        expect(result.state).toEqual(JSON.parse(stored));
      }),
    );
  });
});
