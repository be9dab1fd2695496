import type { EventEnvelope } from "../events/event-envelope";
import type { AdaptiveCardContent } from "./adaptive-card";
import { type CardBuilder, cardBuilders } from "./card-builders";
import { type CardOptions, createCardContext } from "./card-context";
import { frameCard } from "./card-frame";
import type { CardEvent } from "./cards/card-event";

/**
 * The Adaptive Card that tells a Teams channel about one event (real or test): what happened, the
 * values that matter for its type, and a link back to the app. Zod-free and free of server-only
 * imports, so the wizard can build the same card for its preview.
 */
export const buildAdaptiveCard = (event: EventEnvelope, options: CardOptions): AdaptiveCardContent => {
  const context = createCardContext(options);
  // The envelope's `data` is the type's builder output (lib/triggers/types), whatever carried it.
  const build = cardBuilders[event.type] as CardBuilder<typeof event.type>;
  return frameCard(event, context, build(event as CardEvent<typeof event.type>, context));
};
