"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { acquireApiToken } from "@/lib/ui/auth/api-token";
import { takeLastRedirectError } from "@/lib/ui/auth/msal-instance";
import { getSession, subscribeToSession } from "@/lib/ui/auth/session-store";
import { SignInScreen, SigningInScreen } from "./sign-in-screen";

/**
 * Under MsalProvider: an account → the app (once the tab's session is known); no account → the
 * sign-in screen. The app stays mounted while a token is fetched (even interactively), so open
 * forms can save themselves before the page leaves.
 */
export const AuthGate = ({ config, children }: { config: PublicAuthConfig; children: React.ReactNode }) => {
  const { accounts, inProgress } = useMsal();
  if (inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect) return <SigningInScreen />;
  if (inProgress === InteractionStatus.Logout) return <SigningInScreen />;
  if (accounts.length > 0) return <WithSession config={config}>{children}</WithSession>;
  return <SignedOut config={config} />;
};

/** An account without the tab's session copy (its tokens were dropped): a token from MSAL writes it. */
const WithSession = ({ config, children }: { config: PublicAuthConfig; children: React.ReactNode }) => {
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (session) return;
    // Silently, or by a redirect to the provider and back (the page then leaves).
    acquireApiToken().catch(setError);
  }, [session]);
  if (session) return <>{children}</>;
  if (error) return <SignInScreen config={config} initialError={error} />;
  return <SigningInScreen />;
};

const SignedOut = ({ config }: { config: PublicAuthConfig }) => {
  // Read once when the screen appears: a sign-in that came back failed says why.
  const [error] = useState(takeLastRedirectError);
  return <SignInScreen config={config} initialError={error} />;
};
