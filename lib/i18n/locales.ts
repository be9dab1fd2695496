import { ca } from "./messages/ca";
import { type Catalog, en } from "./messages/en";

export const locales = ["en", "ca"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** A user's explicit choice; it wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "ai-locale";

const catalogs: Record<Locale, Catalog> = { en, ca };

export const getMessages = (locale: Locale): Catalog => catalogs[locale];

const isLocale = (value: string): value is Locale => (locales as readonly string[]).includes(value);

/** Picks the cookie's locale if supported, else the best Accept-Language match by q-value, else English. */
export const pickLocale = (cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale => {
  if (cookieValue && isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.base && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLocale) ?? defaultLocale;
};
