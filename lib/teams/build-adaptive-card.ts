import type { EventEnvelope } from "../events/event-envelope";
import { defaultLocale, getMessages, type Locale } from "../i18n/locales";
import { createTranslator } from "../i18n/translate";
import type { AdaptiveCardContent } from "./adaptive-card";
import type { CardOptions } from "./card-context";
import { composeAdaptiveCard } from "./compose-adaptive-card";

export type BuildCardOptions = Omit<CardOptions, "t" | "locale"> & { locale?: Locale };

/** The card for one event in a locale's words (English unless the destination says otherwise); for the server, which has every catalog. */
export const buildAdaptiveCard = (event: EventEnvelope, { locale = defaultLocale, ...options }: BuildCardOptions): AdaptiveCardContent =>
  composeAdaptiveCard(event, { ...options, locale, t: createTranslator(getMessages(locale)) });
