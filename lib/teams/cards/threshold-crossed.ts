import { appPaths } from "../../routing/app-paths";
import type { CardContext } from "../card-context";
import { type CardParts, fact } from "../card-frame";
import type { CardEvent, CardEventData } from "./card-event";

// Both threshold types: which subject crossed which threshold, which way, from what to what.

const crossingFacts = (data: CardEventData<"segment.threshold.crossed" | "measure.threshold.crossed">, context: CardContext, valueLabel: string) => {
  const { t, format } = context;
  return [
    fact(t("teamsCard.fact.threshold"), t(`threshold.words.${data.direction}`, { threshold: format.decimal(data.threshold) })),
    fact(valueLabel, t("teamsCard.change", { previous: format.decimal(data.previousValue), current: format.decimal(data.currentValue) })),
    fact(t("teamsCard.fact.computedAt"), format.dateTime(data.computedAt)),
  ];
};

export const segmentThresholdCard = (event: CardEvent<"segment.threshold.crossed">, context: CardContext): CardParts => {
  const { t, format } = context;
  const { data } = event;
  return {
    title: t(`teamsCard.title.segmentCrossed.${data.crossed}`, { name: data.segment.name, threshold: format.decimal(data.threshold) }),
    tone: "default",
    facts: [fact(t("teamsCard.fact.segment"), data.segment.name), ...crossingFacts(data, context, t("teamsCard.fact.size"))],
    link: appPaths.segment(event.instanceId, data.segment.id),
  };
};

export const measureThresholdCard = (event: CardEvent<"measure.threshold.crossed">, context: CardContext): CardParts => {
  const { t, format } = context;
  const { data } = event;
  return {
    title: t(`teamsCard.title.measureCrossed.${data.crossed}`, { name: data.measure.name, threshold: format.decimal(data.threshold) }),
    tone: "default",
    facts: [fact(t("teamsCard.fact.measure"), data.measure.name), ...crossingFacts(data, context, t("teamsCard.fact.value"))],
    link: appPaths.measure(event.instanceId, data.measure.id),
  };
};
