import { changeText } from "@/components/common/change-text";
import { DAY_MS, formatValue } from "@/components/thresholds/threshold-values";
import { attributeLabel } from "@/components/unify/attribute-label";
import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { TMeasureAggregation, TMeasureValueKind } from "@/lib/measures/measure-vocabulary";

/** A value as its kind reads (as the wizard and Home read it), or a dash before there is one. */
export const measureValueText = (value: number | null, kind: TMeasureValueKind, format: Formatters) =>
  value === null ? "—" : formatValue(value, kind, format);

/** The change since the previous value; between two dates, in days. */
export const measureChangeText = (value: number | null, previous: number | null, kind: TMeasureValueKind, t: Translate, format: Formatters) =>
  kind === "date" && value !== null && previous !== null
    ? t("measures.changeDays", { days: format.change(Math.round((value - previous) / DAY_MS)) })
    : changeText(value, previous, format.change);

/** "Sum of Loyalty points", "Count of profiles". */
export const aggregationWords = (aggregation: TMeasureAggregation, attribute: string | null, t: Translate) =>
  attribute === null
    ? t("measures.countProfiles")
    : t("measures.aggregationOf", { aggregation: t(`measures.aggregation.${aggregation}`), attribute: attributeLabel(attribute, t) });
