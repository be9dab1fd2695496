import { cookies, headers } from "next/headers";
import { getMessages, LOCALE_COOKIE, type Locale, pickLocale } from "./locales";
import type { MessageKey } from "./messages/en";

/** The request's locale, for the root layout and metadata. */
export const getRequestLocale = async (): Promise<Locale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
};

/** `generateMetadata` for a page whose title is one catalog entry. */
export const titleMetadata = (key: MessageKey) => async () => ({ title: getMessages(await getRequestLocale())[key] });
