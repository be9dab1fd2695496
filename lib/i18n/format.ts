import type { Locale } from "./locales";
import type { Translate } from "./translate";

export type Formatters = ReturnType<typeof createFormatters>;

/** Dates, numbers, durations and sizes for the user's locale. */
export const createFormatters = (locale: Locale, t: Translate) => {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const dateTimeSeconds = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const integer = new Intl.NumberFormat(locale);
  const signed = new Intl.NumberFormat(locale, { signDisplay: "exceptZero", maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  // A date-valued measure is a day (its midnight UTC): shown as that day wherever the user is.
  const utcDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const conjunction = new Intl.ListFormat(locale, { type: "conjunction" });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : t("common.never")),
    dateTimeSeconds: (iso: string | null | undefined) => (iso ? dateTimeSeconds.format(new Date(iso)) : t("common.never")),
    number: (value: number) => integer.format(value),
    /** A measured number, to two decimals at most. */
    decimal: (value: number) => decimal.format(value),
    /** Milliseconds since 1970 at a day's midnight UTC, as that day. */
    utcDay: (ms: number) => utcDay.format(new Date(ms)),
    /** A difference, signed, to two decimals at most: "+12", "−3", "0". */
    change: (value: number) => signed.format(value),
    /** A fraction (0.25) as a percentage ("25%" / "25 %"). */
    percent: (fraction: number) => percent.format(fraction),
    /** "a, b and c" / "a, b i c". */
    list: (items: readonly string[]) => conjunction.format(items),
    duration: (ms: number) =>
      ms < 1000 ? t("common.durationMs", { value: integer.format(Math.round(ms)) }) : t("common.durationS", { value: oneDecimal.format(ms / 1000) }),
    bytes: (bytes: number) =>
      bytes < 1024
        ? t("common.bytes", { value: integer.format(bytes) })
        : bytes < 1024 * 1024
          ? t("common.kilobytes", { value: oneDecimal.format(bytes / 1024) })
          : t("common.megabytes", { value: oneDecimal.format(bytes / (1024 * 1024)) }),
  };
};
