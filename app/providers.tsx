"use client";

import type { PublicClientApplication } from "@azure/msal-browser";
import { MsalProvider } from "@azure/msal-react";
import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { useServerInsertedHTML } from "next/navigation";
import { useEffect, useState } from "react";
import { SWRConfig } from "swr";
import { AuthGate } from "@/components/auth/auth-gate";
import { SigningInScreen } from "@/components/auth/sign-in-screen";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locales";
import type { Catalog } from "@/lib/i18n/messages/en";
import { apiGet } from "@/lib/ui/api-client";
import { loadMsal } from "@/lib/ui/auth/msal-instance";

const swrConfig = {
  fetcher: (url: string) => apiGet(url),
  // An error the server explained (404, 422…) will not fix itself by retrying.
  shouldRetryOnError: false,
  revalidateOnFocus: true,
};

type Props = { locale: Locale; messages: Catalog; authConfig: PublicAuthConfig; children: React.ReactNode };

/**
 * The one client providers file: Fluent (styles rendered during SSR, no unstyled flash), i18n,
 * MSAL (the identity lives in the browser: the server renders a neutral "checking" state and the
 * app appears once MSAL knows who is signed in), SWR.
 */
export const Providers = ({ locale, messages, authConfig, children }: Props) => {
  const [renderer] = useState(() => createDOMRenderer());
  useServerInsertedHTML(() => {
    const styles = renderToStyleElements(renderer);
    // Streaming calls this once per flush: emit only the rules inserted since the last flush.
    // The insertion cache stays, so a rule already sent is never sent again.
    renderer.stylesheets = {};
    return <>{styles}</>;
  });
  const [msal, setMsal] = useState<PublicClientApplication | null>(null);
  const [msalError, setMsalError] = useState<unknown>(null);
  useEffect(() => {
    loadMsal(authConfig).then(({ instance }) => setMsal(instance), setMsalError);
  }, [authConfig]);
  if (msalError) throw msalError;

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <I18nProvider locale={locale} messages={messages}>
            {msal ? (
              <MsalProvider instance={msal}>
                <AuthGate config={authConfig}>
                  <SWRConfig value={swrConfig}>{children}</SWRConfig>
                </AuthGate>
              </MsalProvider>
            ) : (
              <SigningInScreen />
            )}
          </I18nProvider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
};
