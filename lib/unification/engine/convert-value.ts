import type { TAttributeType, TDateFormat } from "../attributes";
import type { TAttributeValue } from "../schemas";

/**
 * A cell converted to its attribute's type. Empty (or only whitespace) is `null`, a missing
 * value rather than an invalid one; `{ ok: false }` is a value that cannot be read as the type,
 * which the map stage counts per column.
 */
export type ConvertResult = { ok: true; value: TAttributeValue } | { ok: false };

const INVALID: ConvertResult = { ok: false };
const NULL_VALUE: ConvertResult = { ok: true, value: null };

export function convertValue(text: string, type: TAttributeType, dateFormat: TDateFormat = "iso"): ConvertResult {
  const trimmed = text.trim();
  if (trimmed === "") return NULL_VALUE;
  switch (type) {
    case "text":
      return { ok: true, value: trimmed };
    case "number": {
      const value = parseNumber(trimmed);
      return value === null ? INVALID : { ok: true, value };
    }
    case "date": {
      const parsed = parseDate(trimmed, dateFormat);
      return parsed === null ? INVALID : { ok: true, value: parsed.date };
    }
    case "boolean": {
      const value = booleanWords.get(trimmed.toLowerCase());
      return value === undefined ? INVALID : { ok: true, value };
    }
  }
}

const booleanWords = new Map<string, boolean>([
  ["true", true], ["yes", true], ["y", true], ["1", true],
  ["false", false], ["no", false], ["n", false], ["0", false],
]);

// Exports write numbers in both conventions. A lone comma is a decimal comma ("1234,5") unless
// it groups exactly three digits after one to three ("1,234"), which English-style exports mean
// as thousands; two separators of different kinds say which one is the decimal.
const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const commaThousands = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const dotThousandsCommaDecimal = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
const dotThousands = /^[+-]?\d{1,3}(?:\.\d{3}){2,}$/;
const commaDecimal = /^[+-]?\d+,\d+$/;

export function parseNumber(text: string): number | null {
  let normalized: string | null = null;
  if (plainNumber.test(text)) normalized = text;
  else if (commaThousands.test(text)) normalized = text.replaceAll(",", "");
  else if (dotThousandsCommaDecimal.test(text)) normalized = text.replaceAll(".", "").replace(",", ".");
  else if (dotThousands.test(text)) normalized = text.replaceAll(".", "");
  else if (commaDecimal.test(text)) normalized = text.replace(",", ".");
  if (normalized === null) return null;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
}

const plainIsoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/;
const dayMonthYear = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*)$/;
const timePart = /^(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A date as `YYYY-MM-DD` plus the instant it names (epoch ms, UTC unless the text has an
 * offset; midnight when it has no time). ISO 8601 is always accepted; `dmy` and `mdy` also
 * read DD/MM/YYYY and MM/DD/YYYY with `/`, `-` or `.`. Impossible dates (31/02) are null.
 */
export function parseDate(text: string, dateFormat: TDateFormat): { date: string; epochMs: number } | null {
  let year: number, month: number, day: number, rest: string;
  if (plainIsoDate.test(text)) {
    // The common case, already as it is stored: check the day exists and keep the text.
    [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return { date: text, epochMs: utcEpochMs(year, month, day) };
  }
  const iso = isoDate.exec(text);
  if (iso) {
    [year, month, day, rest] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]!];
  } else {
    const local = dateFormat === "iso" ? null : dayMonthYear.exec(text);
    if (!local) return null;
    const [first, second] = [Number(local[1]), Number(local[2])];
    [day, month] = dateFormat === "dmy" ? [first, second] : [second, first];
    [year, rest] = [Number(local[3]), local[4]!];
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const time = timePart.exec(rest);
  if (!time) return null;
  const [hours, minutes, seconds] = [Number(time[1] ?? 0), Number(time[2] ?? 0), Number(time[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const milliseconds = time[4] ? Number(time[4].slice(0, 3).padEnd(3, "0")) : 0;
  const offsetMinutes = time[5] ? parseOffsetMinutes(time[5]) : 0;
  const epochMs = utcEpochMs(year, month, day, hours, minutes, seconds, milliseconds) - offsetMinutes * 60_000;
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { date, epochMs };
}

/** Date.UTC, except that years 0–99 stay themselves (Date.UTC reads them as 1900–1999). */
function utcEpochMs(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, milliseconds = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds);
  const date = new Date(Date.UTC(2000, month - 1, day, hours, minutes, seconds, milliseconds));
  date.setUTCFullYear(year);
  return date.getTime();
}

function parseOffsetMinutes(offset: string): number {
  if (offset.toUpperCase() === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
