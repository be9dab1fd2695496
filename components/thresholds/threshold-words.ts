import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { type CrossingState, hysteresisMargin, type ThresholdParameters } from "@/lib/triggers/thresholds/crossing";
import { DAY_MS, formatValue, type ValueKind } from "./threshold-values";

// A threshold trigger's parameters and state in words, for the wizard's review and the trigger's
// page. Pure: tested without a screen.

type Words = { t: Translate; format: Formatters };

/** "once" / "3 times"-style choice for counts the catalogs word in two forms (en and ca agree: 1, else). */
export const countWord = (t: Translate, keys: { one: Parameters<Translate>[0]; other: Parameters<Translate>[0] }, count: number, format: Formatters) =>
  count === 1 ? t(keys.one) : t(keys.other, { count: format.number(count) });

/** A margin in the value's unit: a date measure's in days. */
const formatMargin = (margin: number, kind: ValueKind, { t, format }: Words) =>
  kind === "date"
    ? margin === DAY_MS
      ? t("threshold.days.one")
      : t("threshold.days.other", { count: format.decimal(margin / DAY_MS) })
    : formatValue(margin, kind === "count" ? "number" : kind, format);

/** "Rises above 10,000". */
export const describeDirection = (parameters: ThresholdParameters, kind: ValueKind, { t, format }: Words) =>
  t(`threshold.words.${parameters.direction}`, { threshold: formatValue(parameters.threshold, kind, format) });

/** The re-arm margin: none, or how far back past the threshold. */
export const describeHysteresis = (parameters: ThresholdParameters, kind: ValueKind, words: Words) => {
  const { hysteresis } = parameters;
  if (!hysteresis) return words.t("threshold.words.noMargin");
  const margin = formatMargin(hysteresisMargin(parameters), kind, words);
  return hysteresis.kind === "absolute"
    ? words.t("threshold.words.marginAbsolute", { margin })
    : words.t("threshold.words.marginPercent", { percent: words.format.percent(hysteresis.value / 100), margin });
};

/** Whether the way(s) the trigger watches could fire at the next crossing. */
const armedFor = (direction: ThresholdParameters["direction"], state: CrossingState) =>
  direction === "above" ? state.armedAbove : direction === "below" ? state.armedBelow : state.armedAbove || state.armedBelow;

/** A registration's state: its last value and whether the next crossing fires. */
export const describeCrossingState = (parameters: ThresholdParameters, state: CrossingState, kind: ValueKind, { t, format }: Words) => {
  if (state.lastValue === null) return t("trigger.state.noBaseline");
  const value = formatValue(state.lastValue, kind, format);
  return armedFor(parameters.direction, state) ? t("trigger.state.armed", { value }) : t("trigger.state.waiting", { value });
};

/** "Would have fired 3 times over the last 9 runs." */
export const describeBacktest = (fireCount: number, runs: number, { t, format }: Words) =>
  t("wizard.backtest.sentence", {
    times: countWord(t, { one: "wizard.backtest.times.one", other: "wizard.backtest.times.other" }, fireCount, format),
    runs: countWord(t, { one: "wizard.backtest.runs.one", other: "wizard.backtest.runs.other" }, runs, format),
  });
