// The threshold crossing state machine (SPEC §3): crossing, not being over. One step function,
// used by the live evaluator (evaluate-crossings.ts) and by the back-test the wizard's history
// chart will run in the browser, so "would have fired N times" is what the trigger would do.
// Pure, zod-free and browser-safe.

export const thresholdDirections = ["above", "below", "either"] as const;
export type ThresholdDirection = (typeof thresholdDirections)[number];
export type CrossedDirection = "above" | "below";

export const hysteresisKinds = ["absolute", "percent"] as const;
/** How far back past T the value must go to re-arm after a firing: in the value's unit, or a percentage of |T|. */
export type Hysteresis = { kind: (typeof hysteresisKinds)[number]; value: number };

export type ThresholdParameters = { threshold: number; direction: ThresholdDirection; hysteresis?: Hysteresis | null };

/**
 * What a registration remembers between computations. `lastValue` is the last known value
 * (null: none yet, so nothing can cross; the first value becomes the baseline). Each way keeps
 * its own arming, so `either` is `above` and `below` side by side, and a direction change
 * needs no new state shape.
 */
export type CrossingState = { lastValue: number | null; armedAbove: boolean; armedBelow: boolean };

export type CrossingStep = { fire: boolean; crossed: CrossedDirection | null; state: CrossingState };

/** The re-arming margin: 0 without hysteresis; a percentage is of |T|, so it stays a distance for a negative T. */
export const hysteresisMargin = ({ threshold, hysteresis }: Pick<ThresholdParameters, "threshold" | "hysteresis">): number => {
  if (!hysteresis) return 0;
  return hysteresis.kind === "absolute" ? hysteresis.value : (Math.abs(threshold) * hysteresis.value) / 100;
};

/**
 * The state at registration. A baseline on or below T arms `above` (the next move over T is a
 * crossing), one on or above T arms `below`. A baseline past T starts disarmed that way, as
 * if the trigger had just fired: it re-arms like after a firing. Null (never computed): no
 * arming yet; the first value will be the baseline.
 */
export const initialCrossingState = (parameters: Pick<ThresholdParameters, "threshold">, baseline: number | null): CrossingState =>
  baseline === null
    ? { lastValue: null, armedAbove: false, armedBelow: false }
    : { lastValue: baseline, armedAbove: baseline <= parameters.threshold, armedBelow: baseline >= parameters.threshold };

const fires = (direction: ThresholdDirection, crossed: CrossedDirection) => direction === "either" || direction === crossed;

/**
 * One computation's value against the state. `above` fires when armed and the value is over T,
 * then disarms until the value is back at or below T − margin; `below` mirrors it. A null value
 * (a measure with nothing to aggregate) says nothing: the state stays as it was.
 */
export const stepCrossing = (parameters: ThresholdParameters, state: CrossingState, value: number | null): CrossingStep => {
  if (value === null || !Number.isFinite(value)) return { fire: false, crossed: null, state };
  if (state.lastValue === null) return { fire: false, crossed: null, state: initialCrossingState(parameters, value) };
  const { threshold, direction } = parameters;
  const margin = hysteresisMargin(parameters);
  let { armedAbove, armedBelow } = state;
  let crossed: CrossedDirection | null = null;
  // A way that does not fire still tracks its arming: `direction` only decides what is reported.
  if (armedAbove && value > threshold) {
    armedAbove = false;
    if (fires(direction, "above")) crossed = "above";
  } else if (value <= threshold - margin) armedAbove = true;
  if (armedBelow && value < threshold) {
    armedBelow = false;
    if (fires(direction, "below")) crossed = "below";
  } else if (value >= threshold + margin) armedBelow = true;
  return { fire: crossed !== null, crossed, state: { lastValue: value, armedAbove, armedBelow } };
};

export const sameCrossingState = (a: CrossingState, b: CrossingState) =>
  a.lastValue === b.lastValue && a.armedAbove === b.armedAbove && a.armedBelow === b.armedBelow;

export type BacktestFiring = { index: number; crossed: CrossedDirection; previousValue: number | null; value: number };
export type BacktestResult = { fireCount: number; firings: BacktestFiring[]; state: CrossingState };

/**
 * Replays a history (oldest first) through the live step, from the state a registration made
 * at `baseline` would hold: how often, and where, the trigger would have fired.
 */
export const backtest = (parameters: ThresholdParameters, series: readonly (number | null)[], baseline: number | null): BacktestResult => {
  let state = initialCrossingState(parameters, baseline);
  const firings: BacktestFiring[] = [];
  series.forEach((value, index) => {
    const step = stepCrossing(parameters, state, value);
    if (step.fire && value !== null) firings.push({ index, crossed: step.crossed!, previousValue: state.lastValue, value });
    state = step.state;
  });
  return { fireCount: firings.length, firings, state };
};
