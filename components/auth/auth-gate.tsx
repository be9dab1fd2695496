"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useEffect, useState } from "react";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { CurrentUserProvider } from "@/lib/ui/auth/current-user";
import { takeLastRedirectError } from "@/lib/ui/auth/msal-instance";
import { SignInScreen, SigningInScreen } from "./sign-in-screen";

/**
 * Signed in → the app; signed out → the sign-in screen. The app stays mounted while a token is
 * fetched (even interactively), so open forms can save themselves before the page leaves.
 */
export const AuthGate = ({ config, children }: { config: PublicAuthConfig; children: React.ReactNode }) => {
  const { instance, accounts, inProgress } = useMsal();

  // Back after signing out may restore a signed-in page from the back/forward cache, state and
  // all: MSAL's cache is the truth, so such a page is loaded again (and then shows the sign-in).
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && instance.getAllAccounts().length === 0) window.location.reload();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, [instance]);

  if (inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect) return <SigningInScreen />;
  if (inProgress === InteractionStatus.Logout) return <SigningInScreen />;
  if (accounts.length > 0) return <CurrentUserProvider>{children}</CurrentUserProvider>;
  return <SignedOut config={config} />;
};

const SignedOut = ({ config }: { config: PublicAuthConfig }) => {
  // Read once when the screen appears: a sign-in that came back failed says why.
  const [error] = useState(takeLastRedirectError);
  return <SignInScreen config={config} initialError={error} />;
};
