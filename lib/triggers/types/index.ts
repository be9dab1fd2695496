import type { z } from "zod";
import { datasourceRefreshFailed } from "./datasource-refresh-failed";
import { datasourceRefreshSucceeded } from "./datasource-refresh-succeeded";
import type { TriggerTypeDefinition } from "./definition";
import { measureThresholdCrossed } from "./measure-threshold-crossed";
import { segmentThresholdCrossed } from "./segment-threshold-crossed";
import { refreshFullCompleted } from "./refresh-full-completed";
import { unificationRefreshCompleted } from "./unification-refresh-completed";
import type { TTriggerType } from "./vocabulary";

// Every trigger type's definition. A type added to the vocabulary (vocabulary.ts) does not compile
// until it has an entry here, under its own type string.

export const triggerTypeDefinitions = {
  "datasource.refresh.failed": datasourceRefreshFailed,
  "datasource.refresh.succeeded": datasourceRefreshSucceeded,
  "segment.threshold.crossed": segmentThresholdCrossed,
  "measure.threshold.crossed": measureThresholdCrossed,
  "unification.refresh.completed": unificationRefreshCompleted,
  "refresh.full.completed": refreshFullCompleted,
  // `any`: each type has its own builder input; the entries keep their precise types.
} satisfies { [T in TTriggerType]: TriggerTypeDefinition<T, z.ZodObject, any, z.ZodObject> };

export type TriggerTypeDefinitions = typeof triggerTypeDefinitions;

/** The `data` of an event of this type, as its builder makes it. */
export type EventDataOf<T extends TTriggerType> = ReturnType<TriggerTypeDefinitions[T]["buildData"]>;
/** The input of this type's event-data builder: what its producer must know. */
export type EventDataInputOf<T extends TTriggerType> = Parameters<TriggerTypeDefinitions[T]["buildData"]>[0];

/** Builds an event's `data` with its type's builder (producers and the sample event alike). */
export const buildEventData = <T extends TTriggerType>(type: T, input: EventDataInputOf<T>): EventDataOf<T> =>
  (triggerTypeDefinitions[type].buildData as (input: EventDataInputOf<T>) => EventDataOf<T>)(input);

export { subjectKindOf, triggerTypes, triggerVocabulary, type TSubjectKind, type TTriggerType } from "./vocabulary";
export type { SampleContext, SampleFacts, SampleSubject } from "./definition";
