import type { Formatters } from "@/lib/i18n/format";
import type { TMeasureValueKind } from "@/lib/measures/measure-vocabulary";
import { backtest, type BacktestFiring, type ThresholdParameters } from "@/lib/triggers/thresholds/crossing";

// How screens read a watched value (a segment's size, a measure's value) and its history. Pure and
// zod-free: the wizard's configure step, the trigger's page and Home share it.

/** A segment's size is a count; a measure says what its value is. */
export type ValueKind = TMeasureValueKind;

export const DAY_MS = 86_400_000;

/** A watched value, worded for the user's locale: a count, a number, or a day. */
export const formatValue = (value: number, kind: ValueKind, format: Pick<Formatters, "number" | "decimal" | "utcDay">) =>
  kind === "date" ? format.utcDay(value) : kind === "count" ? format.number(value) : format.decimal(value);

/** One computation, as the API lists them (newest first). */
export type Computation = { value: number | null; computedAt: string };

/** A point of a history chart, oldest first. */
export type HistoryPoint = { index: number; computedAt: string; value: number | null };

/** The newest `limit` computations, oldest first, as a chart draws them left to right. */
export const historyPoints = (computations: readonly Computation[], limit = computations.length): HistoryPoint[] =>
  computations
    .slice(0, limit)
    .reverse()
    .map(({ value, computedAt }, index) => ({ index, computedAt, value }));

export type HistoryBacktest = {
  /** The runs replayed: every point after the baseline. */
  runs: number;
  fireCount: number;
  /** Each firing at its point's index in the history (not in the replayed series). */
  firings: BacktestFiring[];
};

/**
 * What the trigger would have done over the history shown. The oldest point is the baseline (what
 * a registration made back then would have started from, as a new one starts from the latest
 * value); the later points are replayed through the live state machine (crossing.ts). Null when
 * there is no run after the baseline.
 */
export const backtestHistory = (parameters: ThresholdParameters, points: readonly HistoryPoint[]): HistoryBacktest | null => {
  if (points.length < 2) return null;
  const [baseline, ...series] = points;
  const result = backtest(
    parameters,
    series.map((point) => point.value),
    baseline!.value,
  );
  return { runs: series.length, fireCount: result.fireCount, firings: result.firings.map((firing) => ({ ...firing, index: firing.index + 1 })) };
};

/** The band a fired trigger must go back through to re-arm: [T − margin, T + margin]; null without hysteresis. */
export const hysteresisBand = (parameters: ThresholdParameters, margin: number): { from: number; to: number } | null =>
  margin > 0 ? { from: parameters.threshold - margin, to: parameters.threshold + margin } : null;

/** The change from the previous value, as a fraction of it (null when either is unknown or the previous was 0). */
export const relativeChange = (value: number | null, previous: number | null): number | null =>
  value === null || previous === null || previous === 0 ? null : (value - previous) / Math.abs(previous);

/** The y range a chart needs to show the values, the threshold and its band, with a little room. */
export const chartDomain = (values: readonly (number | null)[], extra: readonly number[]): [number, number] | null => {
  const all = [...values.filter((value): value is number => value !== null), ...extra].filter(Number.isFinite);
  if (all.length === 0) return null;
  const min = Math.min(...all);
  const max = Math.max(...all);
  const room = max === min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.1;
  return [min - room, max + room];
};
