import { describeCrossingState, describeDirection, describeHysteresis } from "@/components/thresholds/threshold-words";
import type { ValueKind } from "@/components/thresholds/threshold-values";
import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { CrossingState, ThresholdParameters } from "@/lib/triggers/thresholds/crossing";
import type { TTriggerRegistration } from "@/lib/triggers/schemas";
import { subjectKindOf } from "@/lib/triggers/types/vocabulary";

// A type's own rows on a trigger's page: a threshold trigger's threshold and margin in words and
// its state; a full refresh trigger's submission kind.

export type RegistrationThreshold = ThresholdParameters & { measureId: string | null };

/** The threshold parameters of a segment or measure trigger; null for the other types (or while loading). */
export const thresholdOf = (registration: TTriggerRegistration | undefined): RegistrationThreshold | null => {
  if (!registration) return null;
  const kind = subjectKindOf(registration.type);
  if (kind !== "segment" && kind !== "measure") return null;
  const parameters = registration.parameters as Partial<ThresholdParameters> & { measureId?: string };
  if (typeof parameters.threshold !== "number") return null;
  return {
    threshold: parameters.threshold,
    direction: parameters.direction ?? "above",
    hysteresis: parameters.hysteresis ?? null,
    measureId: kind === "measure" ? (parameters.measureId ?? null) : null,
  };
};

export const thresholdDetails = (
  threshold: RegistrationThreshold,
  state: CrossingState | null,
  measureKind: ValueKind,
  words: { t: Translate; format: Formatters },
): [string, string][] => {
  const kind: ValueKind = threshold.measureId === null ? "count" : measureKind;
  return [
    [words.t("trigger.threshold"), describeDirection(threshold, kind, words)],
    [words.t("trigger.hysteresis"), describeHysteresis(threshold, kind, words)],
    ...(state ? [[words.t("trigger.thresholdState"), describeCrossingState(threshold, state, kind, words)] as [string, string]] : []),
  ];
};

/** Which full refreshes a refresh.full.completed registration listens to (absent: any). */
export const submissionKindOf = (parameters: object): "any" | "scheduled" | "onDemand" => {
  const kind = (parameters as { submissionKind?: unknown }).submissionKind;
  return kind === "scheduled" || kind === "onDemand" ? kind : "any";
};
