"use client";

import { createContext, useContext, useMemo } from "react";
import { createFormatters, type Formatters } from "./format";
import type { Locale } from "./locales";
import type { Catalog } from "./messages/en";
import { createTranslator, type Translate } from "./translate";

type I18nValue = { locale: Locale; t: Translate; format: Formatters };

const I18nContext = createContext<I18nValue | null>(null);

/** The server picks the locale and sends only that catalog, so the client bundle carries no messages. */
export const I18nProvider = ({ locale, messages, children }: { locale: Locale; messages: Catalog; children: React.ReactNode }) => {
  const value = useMemo(() => {
    const t = createTranslator(messages);
    return { locale, t, format: createFormatters(locale, t) };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

const useI18n = () => {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() needs <I18nProvider> (app/providers.tsx).");
  return value;
};

export const useT = () => useI18n().t;
export const useFormat = () => useI18n().format;
export const useLocale = () => useI18n().locale;
