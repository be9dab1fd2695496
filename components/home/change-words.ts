import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { DAY_MS, formatValue, relativeChange, type ValueKind } from "@/components/thresholds/threshold-values";

// Home's "since the previous computation" line, in words. Pure: tested without a screen.

type Words = { t: Translate; format: Formatters };

/** The difference in the value's unit: a date measure's in days. */
const formatDifference = (difference: number, kind: ValueKind, { t, format }: Words) =>
  kind === "date"
    ? Math.abs(difference) === DAY_MS
      ? t("threshold.days.one")
      : t("threshold.days.other", { count: format.decimal(Math.abs(difference) / DAY_MS) })
    : formatValue(Math.abs(difference), kind, format);

/**
 * "Up 120 (5%) since the previous computation", "Down …", "Unchanged …", or that there is no
 * previous value to compare with. A percentage only where it means something (not for days, nor
 * from 0).
 */
export const describeChange = (value: number | null, previous: number | null, kind: ValueKind, words: Words): string => {
  const { t, format } = words;
  if (value === null || previous === null) return t("home.change.none");
  const difference = value - previous;
  if (difference === 0) return t("home.change.same");
  const amount = formatDifference(difference, kind, words);
  const relative = kind === "date" ? null : relativeChange(value, previous);
  const change = relative === null ? amount : t("home.change.withPercent", { amount, percent: format.percent(Math.abs(relative)) });
  return t(difference > 0 ? "home.change.up" : "home.change.down", { change });
};
