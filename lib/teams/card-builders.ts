import type { TTriggerType } from "../triggers/types/vocabulary";
import type { CardContext } from "./card-context";
import type { CardParts } from "./card-frame";
import type { CardEvent } from "./cards/card-event";
import { dataSourceRefreshCard } from "./cards/data-source-refresh";
import { fullRefreshCompletedCard } from "./cards/full-refresh-completed";
import { measureThresholdCard, segmentThresholdCard } from "./cards/threshold-crossed";
import { unificationCompletedCard } from "./cards/unification-completed";

// Every trigger type's card. A type added to the vocabulary does not compile until it has an entry
// here, as with the type definitions (lib/triggers/types/index.ts).

export type CardBuilder<T extends TTriggerType> = (event: CardEvent<T>, context: CardContext) => CardParts;

export const cardBuilders = {
  "datasource.refresh.failed": dataSourceRefreshCard,
  "datasource.refresh.succeeded": dataSourceRefreshCard,
  "segment.threshold.crossed": segmentThresholdCard,
  "measure.threshold.crossed": measureThresholdCard,
  "unification.refresh.completed": unificationCompletedCard,
  "refresh.full.completed": fullRefreshCompletedCard,
} satisfies { [T in TTriggerType]: CardBuilder<T> };
