import { type Hysteresis, type ThresholdDirection, type ThresholdParameters } from "@/lib/triggers/thresholds/crossing";
import { DAY_MS, type ValueKind } from "./threshold-values";

// The threshold fields as typed (text, so a half-typed "1," stays on screen) and the parameters
// they mean. A date measure's threshold is a day (its midnight UTC, as the measure's values) and
// its absolute margin a number of days. Zod-free: the checks use the API's schema on the result.

export const hysteresisChoices = ["none", "absolute", "percent"] as const;
export type HysteresisChoice = (typeof hysteresisChoices)[number];

export type ThresholdDraft = {
  threshold: string;
  direction: ThresholdDirection;
  hysteresisKind: HysteresisChoice;
  hysteresisValue: string;
};

export const emptyThresholdDraft: ThresholdDraft = { threshold: "", direction: "above", hysteresisKind: "none", hysteresisValue: "" };

/** A number as typed in either locale ("1234.5", "1234,5"); NaN when it is not one, so the schema says so. */
export const parseDecimal = (text: string): number => {
  const trimmed = text.trim().replace(/\s/g, "");
  if (trimmed === "") return Number.NaN;
  const normalized = trimmed.includes(".") ? trimmed : trimmed.replace(",", ".");
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : Number.NaN;
};

/** "YYYY-MM-DD" (a date input's value) as its midnight UTC. */
const parseDay = (text: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
};

/** A threshold for a date input: its midnight UTC as "YYYY-MM-DD". */
export const dayInputValue = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const thresholdValue = (draft: Pick<ThresholdDraft, "threshold">, kind: ValueKind) =>
  kind === "date" ? parseDay(draft.threshold) : parseDecimal(draft.threshold);

const hysteresisOf = (draft: ThresholdDraft, kind: ValueKind): Hysteresis | null => {
  if (draft.hysteresisKind === "none") return null;
  const value = parseDecimal(draft.hysteresisValue);
  return { kind: draft.hysteresisKind, value: draft.hysteresisKind === "absolute" && kind === "date" ? value * DAY_MS : value };
};

/** The parameters the fields mean (NaN where a number is missing, for the schema to report). */
export const thresholdParameters = (draft: ThresholdDraft, kind: ValueKind): ThresholdParameters => ({
  threshold: thresholdValue(draft, kind),
  direction: draft.direction,
  hysteresis: hysteresisOf(draft, kind),
});

/** Parameters complete enough to back-test: the chart follows the typing, and waits for a number. */
export const usableParameters = (parameters: ThresholdParameters): ThresholdParameters | null =>
  Number.isFinite(parameters.threshold) && (!parameters.hysteresis || (Number.isFinite(parameters.hysteresis.value) && parameters.hysteresis.value >= 0))
    ? parameters
    : null;
