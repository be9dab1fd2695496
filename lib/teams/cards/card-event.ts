import type { EventEnvelope } from "../../events/event-envelope";
import type { buildDataSourceRefreshEventData } from "../../triggers/types/data-source-refresh";
import type { buildMeasureThresholdEventData } from "../../triggers/types/measure-threshold-crossed";
import type { buildRefreshJobEventData } from "../../triggers/types/refresh-full-completed";
import type { buildSegmentThresholdEventData } from "../../triggers/types/segment-threshold-crossed";
import type { buildUnificationEventData } from "../../triggers/types/unification-refresh-completed";
import type { TTriggerType } from "../../triggers/types/vocabulary";

// Each type's `data` as its own builder returns it (the registry's entries widen it to a record).
// Type-only imports: the card builders stay free of the definitions' zod schemas.
type EventData = {
  "datasource.refresh.failed": ReturnType<typeof buildDataSourceRefreshEventData>;
  "datasource.refresh.succeeded": ReturnType<typeof buildDataSourceRefreshEventData>;
  "segment.threshold.crossed": ReturnType<typeof buildSegmentThresholdEventData>;
  "measure.threshold.crossed": ReturnType<typeof buildMeasureThresholdEventData>;
  "unification.refresh.completed": ReturnType<typeof buildUnificationEventData>;
  "refresh.full.completed": ReturnType<typeof buildRefreshJobEventData>;
};

/** An event of one type, its `data` as that type's builder makes it (and as the JSON body carries it). */
export type CardEvent<T extends TTriggerType> = Omit<EventEnvelope, "type" | "data"> & { type: T; data: EventData[T] };
export type CardEventData<T extends TTriggerType> = EventData[T];
