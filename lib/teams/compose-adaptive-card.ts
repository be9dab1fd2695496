import type { EventEnvelope } from "../events/event-envelope";
import type { AdaptiveCardContent } from "./adaptive-card";
import { type CardBuilder, cardBuilders } from "./card-builders";
import { type CardOptions, createCardContext } from "./card-context";
import { frameCard } from "./card-frame";
import type { CardEvent } from "./cards/card-event";

/**
 * The Adaptive Card that tells a Teams channel about one event (real or test), in the words of
 * the translator given: what happened, the values that matter for its type, a link back to the
 * app. Imports no catalog and no zod, so the wizard's preview builds it with the page's own useT().
 */
export const composeAdaptiveCard = (event: EventEnvelope, options: CardOptions): AdaptiveCardContent => {
  const context = createCardContext(options);
  // The envelope's `data` is the type's builder output (lib/triggers/types), whatever carried it.
  const build = cardBuilders[event.type] as CardBuilder<typeof event.type>;
  return frameCard(event, context, build(event as CardEvent<typeof event.type>, context));
};
