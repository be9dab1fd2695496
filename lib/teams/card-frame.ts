import type { EventEnvelope } from "../events/event-envelope";
import { appPaths } from "../routing/app-paths";
import { ADAPTIVE_CARD_SCHEMA, type AdaptiveCardContent, type CardElement, type Fact, factSet, type OpenUrlAction, TEAMS_CARD_VERSION, textBlock } from "./adaptive-card";
import type { CardContext } from "./card-context";

// The layout every card shares, so the six types differ only in their words and facts: who sent
// it, what happened (a heading), the test marker, the facts, optional sections (a run's stages, a
// job's tasks), and the way back to the app.

/** What one trigger type says about one event. */
export type CardParts = {
  /** What happened and to what: "Data source refresh failed: Web store customers". */
  title: string;
  /** Colours the header the way Teams users read status: green done, red failed. */
  tone: "good" | "attention" | "default";
  facts: Array<Fact | null>;
  sections?: Array<{ heading: string; facts: Array<Fact | null> }>;
  /** The app page that shows the run or the subject (a path from appPaths). */
  link: string;
};

const instanceNameOf = (event: EventEnvelope) => {
  const instance = (event.data as { instance?: { name?: unknown } }).instance;
  return typeof instance?.name === "string" ? instance.name : event.instanceId;
};

export const frameCard = (event: EventEnvelope, context: CardContext, parts: CardParts): AdaptiveCardContent => {
  const { t } = context;
  const header: CardElement[] = [
    textBlock(t("teamsCard.source", { instance: instanceNameOf(event) }), { size: "Small", isSubtle: true }),
    textBlock(parts.title, { style: "heading", size: "Large", weight: "Bolder", spacing: "Small" }),
    ...(event.test ? [textBlock(t("teamsCard.testMarker"), { color: "Warning", weight: "Bolder", spacing: "Small" })] : []),
  ];
  const sections = (parts.sections ?? [])
    .filter((section) => section.facts.some((fact) => fact !== null))
    .flatMap((section): CardElement[] => [textBlock(section.heading, { weight: "Bolder", spacing: "Medium" }), factSet(section.facts, { spacing: "Medium" })]);
  const actions: OpenUrlAction[] = [
    { type: "Action.OpenUrl", title: t("teamsCard.open"), url: context.appUrl(parts.link) },
    ...(context.registrationId
      ? [{ type: "Action.OpenUrl" as const, title: t("teamsCard.openTrigger"), url: context.appUrl(appPaths.trigger(event.instanceId, context.registrationId)) }]
      : []),
  ];
  const summary = event.test ? `${parts.title}. ${t("teamsCard.testMarker")}` : parts.title;
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: TEAMS_CARD_VERSION,
    fallbackText: summary,
    speak: summary,
    body: [
      parts.tone === "default" ? { type: "Container", items: header } : { type: "Container", style: parts.tone, bleed: true, items: header },
      factSet(parts.facts),
      ...sections,
    ],
    actions,
  };
};

/** A status in the reader's language; a status a newer server sends shows as it is. */
export const statusText = (context: CardContext, status: string) => {
  const key = `run.${status}`;
  return context.t.has(key) ? context.t(key) : status;
};

export const submissionText = (context: CardContext, kind: string) => {
  const key = `runs.submission.${kind}`;
  return context.t.has(key) ? context.t(key) : kind;
};

export const fact = (title: string, value: string | null | undefined): Fact | null => (value ? { title, value } : null);
