import type { DbTransaction } from "../../db/client";
import type { InstanceScope } from "../instance-scope";
import { triggerTypeDefinitions } from "../types";
import type { SubjectColumns } from "../types/subjects";
import type { TThresholdSettings } from "../types/threshold-crossed";
import type { TTriggerType } from "../types/vocabulary";
import { type CrossingState, initialCrossingState, type ThresholdParameters } from "./crossing";
import { lockThresholdSubject } from "./lock-subject";

// A threshold registration's stored state (TriggerRegistration.thresholdState): where it starts,
// and how it is read back.

export const thresholdTriggerTypes = ["segment.threshold.crossed", "measure.threshold.crossed"] as const satisfies readonly TTriggerType[];
export type TThresholdTriggerType = (typeof thresholdTriggerTypes)[number];

export const isThresholdType = (type: string): type is TThresholdTriggerType => (thresholdTriggerTypes as readonly string[]).includes(type);

/**
 * The latest computation's value of the watched segment (its size) or measure: the baseline.
 * Null when it was never computed, or (a measure) had nothing to aggregate.
 */
const latestValue: Record<TThresholdTriggerType, (tx: DbTransaction, scope: InstanceScope, columns: SubjectColumns) => Promise<number | null>> = {
  "segment.threshold.crossed": async (tx, scope, { segmentId }) => {
    const latest = await tx.segmentComputation.findFirst({
      where: { tenantId: scope.tenantId, instanceId: scope.instanceId, segmentId: segmentId ?? "" },
      orderBy: [{ computedAt: "desc" }, { id: "desc" }],
      select: { size: true },
    });
    return latest?.size ?? null;
  },
  "measure.threshold.crossed": async (tx, scope, { measureId }) => {
    const latest = await tx.measureComputation.findFirst({
      where: { tenantId: scope.tenantId, instanceId: scope.instanceId, measureId: measureId ?? "" },
      orderBy: [{ computedAt: "desc" }, { id: "desc" }],
      select: { value: true },
    });
    return latest?.value ?? null;
  },
};

/**
 * The state a threshold registration starts from: armed according to the watched value's latest
 * computation at that moment (SPEC §3: the baseline is the value when the trigger was registered).
 * Read in the registration's own write transaction, after locking the subject (lock-subject.ts), so
 * no computation commits in between.
 * Undefined for a type without a threshold.
 */
export const startingThresholdState = async (
  tx: DbTransaction,
  scope: InstanceScope,
  type: TTriggerType,
  parameters: object,
  columns: SubjectColumns,
): Promise<CrossingState | undefined> => {
  if (!isThresholdType(type)) return undefined;
  const subject =
    type === "segment.threshold.crossed" ? { table: "Segment" as const, id: columns.segmentId ?? "" } : { table: "Measure" as const, id: columns.measureId ?? "" };
  await lockThresholdSubject(tx, subject, "baseline");
  return initialCrossingState(parameters as ThresholdParameters, await latestValue[type](tx, scope, columns));
};

/** The threshold settings of stored parameters, through the type's schema; null when they do not parse. */
export const thresholdSettingsOf = (type: TThresholdTriggerType, parameters: unknown): (ThresholdParameters & TThresholdSettings) | null => {
  const parsed = triggerTypeDefinitions[type].parameters.safeParse(parameters);
  return parsed.success ? parsed.data : null;
};

/** Whether two parameter sets watch the same value the same way (subject, threshold, direction, margin). */
export const sameThresholdWatch = (type: TThresholdTriggerType, before: unknown, after: unknown): boolean => {
  const canonical = (parameters: unknown) => {
    const parsed = triggerTypeDefinitions[type].parameters.safeParse(parameters);
    if (!parsed.success) return null;
    const { threshold, direction, hysteresis, ...subject } = parsed.data;
    return JSON.stringify([subject, threshold, direction, hysteresis ?? null]);
  };
  const a = canonical(before);
  return a !== null && a === canonical(after);
};

const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";

/** The stored state, or null when there is none or it is not one (the next value then becomes the baseline). */
export const readCrossingState = (stored: unknown): CrossingState | null => {
  const value = typeof stored === "string" ? safeJson(stored) : stored;
  if (typeof value !== "object" || value === null) return null;
  const { lastValue, armedAbove, armedBelow } = value as Record<string, unknown>;
  if (!(lastValue === null || (typeof lastValue === "number" && Number.isFinite(lastValue))) || !isBoolean(armedAbove) || !isBoolean(armedBelow)) return null;
  return { lastValue, armedAbove, armedBelow };
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
