"use client";

import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { useServerInsertedHTML } from "next/navigation";
import { lazy, Suspense, useEffect, useState } from "react";
import { SignedIn } from "@/components/auth/signed-in";
import { SignInScreen, SigningInScreen } from "@/components/auth/sign-in-screen";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locales";
import type { Catalog } from "@/lib/i18n/messages/en";
import { configureAuth } from "@/lib/ui/auth/api-token";
import { getSession, msalUsedInThisTab, usableAccessToken } from "@/lib/ui/auth/session-store";

// MSAL and @azure/msal-react are most of a page's weight; they load only when this tab needs them.
const MsalGate = lazy(() => import("@/components/auth/msal-gate"));

type Props = { locale: Locale; messages: Catalog; authConfig: PublicAuthConfig; children: React.ReactNode };

/**
 * How this page load finds out who is signed in (decided once, in the browser):
 * - "session": the tab's session has a fresh API token, so the app renders at once, without MSAL;
 * - "msal": MSAL has been used in this tab (a sign-in to finish, an account whose token must be
 *   renewed, a sign-out that came back), so MsalProvider and the auth gate decide;
 * - "signedOut": MSAL never ran in this tab, so nobody can be signed in: the sign-in screen, and
 *   MSAL loads when the user selects Sign in.
 */
type Mode = "checking" | "session" | "msal" | "signedOut";

/**
 * The one client providers file: Fluent (styles rendered during SSR, no unstyled flash), i18n,
 * sign-in (the identity lives in the browser: the server renders a neutral "checking" state and the
 * app appears once the browser knows who is signed in), SWR.
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
  const [mode, setMode] = useState<Mode>("checking");
  useEffect(() => {
    configureAuth(authConfig);
    setMode(usableAccessToken(getSession()) ? "session" : msalUsedInThisTab() ? "msal" : "signedOut");
  }, [authConfig]);

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <I18nProvider locale={locale} messages={messages}>
            {mode === "session" ? (
              <SignedIn>{children}</SignedIn>
            ) : mode === "msal" ? (
              <Suspense fallback={<SigningInScreen />}>
                <MsalGate config={authConfig}>
                  <SignedIn>{children}</SignedIn>
                </MsalGate>
              </Suspense>
            ) : mode === "signedOut" ? (
              <SignInScreen config={authConfig} initialError={null} />
            ) : (
              <SigningInScreen />
            )}
          </I18nProvider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
};
