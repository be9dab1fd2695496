import { createRequire } from "node:module";
import type * as AdaptiveCards from "adaptivecards";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../build-teams-message";

// The package's ES modules (lib/) import each other without file extensions, which only bundlers
// resolve; its UMD build (dist/) loads in plain Node too, so the e2e tests' receiver checks with it.
const { AdaptiveCard, SerializationContext, Versions } = createRequire(import.meta.url)(
  "adaptivecards/dist/adaptivecards.js",
) as typeof AdaptiveCards;

// Checks a card the way a host does, with Microsoft's own Adaptive Cards library: parse it as
// Teams' schema version, collect what the parser and the property validation report, and write it
// back out. The library drops silently whatever it does not know (an unknown property, a value
// outside an enum), so a card that comes back different from what went in used something Teams
// would not render either: `roundTrip` is there to be compared with the input.

export type CardCheck = { version: string | undefined; issues: string[]; roundTrip: unknown };

export const checkAdaptiveCard = (json: unknown): CardCheck => {
  const context = new SerializationContext(Versions.v1_5);
  const card = new AdaptiveCard();
  card.parse(json, context);
  const issues = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  issues.push(...card.validateProperties().validationEvents.map((event) => event.message));
  const output = new SerializationContext(Versions.v1_5);
  const roundTrip = card.toJSON(output);
  issues.push(...Array.from({ length: output.eventCount }, (_, index) => output.getEventAt(index).message));
  return { version: card.version?.toString(), issues, roundTrip };
};

/** The message envelope a Teams Workflows webhook takes, and every card in it. */
export const checkTeamsMessage = (body: unknown): CardCheck[] => {
  const message = body as { type?: unknown; attachments?: Array<{ contentType?: unknown; contentUrl?: unknown; content?: unknown }> };
  if (message.type !== "message" || !Array.isArray(message.attachments) || message.attachments.length === 0) {
    return [{ version: undefined, issues: ["not a Teams message: type must be \"message\" with attachments"], roundTrip: null }];
  }
  return message.attachments.map((attachment) =>
    attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE && attachment.contentUrl === null
      ? checkAdaptiveCard(attachment.content)
      : { version: undefined, issues: [`attachment is not an Adaptive Card (${String(attachment.contentType)})`], roundTrip: null },
  );
};
