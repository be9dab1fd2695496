import type { TTriggerType } from "../triggers/types/vocabulary";

/** What an event may be: a trigger type. */
export type TEventType = TTriggerType;

/** The JSON body every delivery of an event carries, real or test: the envelope around its type's `data`. */
export type EventEnvelope = {
  id: string;
  type: TEventType;
  timestamp: string;
  instanceId: string;
  /** True for test-fires' sample events. */
  test: boolean;
  data: Record<string, unknown>;
};

export const eventEnvelope = (input: { id: string; type: TEventType; instanceId: string; test: boolean; data: Record<string, unknown> }, now: Date): EventEnvelope => ({
  id: input.id,
  type: input.type,
  timestamp: now.toISOString(),
  instanceId: input.instanceId,
  test: input.test,
  data: input.data,
});
