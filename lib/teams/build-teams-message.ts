import type { EventEnvelope } from "../events/event-envelope";
import type { AdaptiveCardContent } from "./adaptive-card";
import { type BuildCardOptions, buildAdaptiveCard } from "./build-adaptive-card";

// The body a Teams Workflows webhook ("When a Teams webhook request is received", the "Post to a
// channel when a webhook request is received" template) takes: a Bot Framework message whose
// attachments are Adaptive Cards; the template posts each attachment's `content` to the channel.
// Workflows take Adaptive Cards only, not the retired connectors' MessageCard.

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export type TeamsMessage = {
  type: "message";
  attachments: Array<{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: AdaptiveCardContent }>;
};

export const teamsMessage = (card: AdaptiveCardContent): TeamsMessage => ({
  type: "message",
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: card }],
});

/** The message for one event: its card in the envelope. */
export const buildTeamsMessage = (event: EventEnvelope, options: BuildCardOptions): TeamsMessage => teamsMessage(buildAdaptiveCard(event, options));
