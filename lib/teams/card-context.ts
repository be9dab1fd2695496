import { type ErrorNamespace, errorMessageKey } from "../i18n/error-messages";
import type { Locale } from "../i18n/locales";
import type { Translate } from "../i18n/translate";

// What every card builder needs besides its event: the reader's words, numbers and dates, and
// where the app lives. A Teams message is read by a whole channel, far from the app and from the
// person who set the trigger up: the locale is the destination's choice and dates carry their time zone.

export type CardOptions = {
  /** The app's public origin (APP_URL), which the card's links point back to. */
  appBaseUrl: string;
  locale: Locale;
  /** The locale's catalog: the server's (build-adaptive-card.ts) or the browser's one (useT()). */
  t: Translate;
  /** IANA zone the card's dates are written in; UTC unless the destination says otherwise. */
  timeZone?: string;
  /** The trigger the event was delivered for, when known: the card then links to it too. */
  registrationId?: string;
};

export type CardContext = {
  locale: Locale;
  t: Translate;
  format: {
    number: (value: number) => string;
    decimal: (value: number) => string;
    percent: (fraction: number) => string;
    dateTime: (iso: string | null) => string;
    duration: (ms: number | null) => string;
  };
  /** An absolute URL of an app page (appPaths gives the path). */
  appUrl: (path: string) => string;
  /**
   * A stored failure in the reader's language, by code. The event carries no details, so an entry
   * that needs values falls back: to the event's own message for English (it says the same, with
   * the values), to the generic sentence with the code for other languages.
   */
  errorText: (namespace: ErrorNamespace, error: { code: string; message: string }) => string;
  registrationId: string | undefined;
};

const hasPlaceholders = (template: string) => /\{\w+\}/.test(template);

export const createCardContext = ({ appBaseUrl, locale, t, timeZone = "UTC", registrationId }: CardOptions): CardContext => {
  // Fails here, on a relative or malformed base, rather than sending a card whose link goes nowhere.
  const base = new URL(appBaseUrl);
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  return {
    locale,
    t,
    format: {
      number: (value) => integer.format(value),
      decimal: (value) => decimal.format(value),
      percent: (fraction) => percent.format(fraction),
      dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ""),
      duration: (ms) =>
        ms === null
          ? ""
          : ms < 1000
            ? t("common.durationMs", { value: integer.format(Math.round(ms)) })
            : t("common.durationS", { value: oneDecimal.format(ms / 1000) }),
    },
    appUrl: (path) => new URL(path, base).toString(),
    errorText: (namespace, error) => {
      const key = errorMessageKey(namespace, error.code, undefined, t);
      const sentence = t(key);
      if (!hasPlaceholders(sentence)) return sentence;
      if (locale === "en" && error.message) return error.message;
      return t(`${namespace}.unknown`, { code: error.code });
    },
    registrationId,
  };
};
