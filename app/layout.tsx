import type { Metadata } from "next";
import { getPublicAuthConfig } from "@/lib/auth/auth-config";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { getMessages } from "@/lib/i18n/locales";
import { Providers } from "./providers";
import "./globals.css";

export const generateMetadata = async (): Promise<Metadata> => {
  const messages = getMessages(await getRequestLocale());
  return { title: { default: messages["app.name"], template: `%s · ${messages["app.name"]}` } };
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body>
        <Providers locale={locale} messages={getMessages(locale)} authConfig={getPublicAuthConfig()}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
