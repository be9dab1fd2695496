"use client";

import type { PublicClientApplication } from "@azure/msal-browser";
import { MsalProvider } from "@azure/msal-react";
import { useEffect, useState } from "react";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { loadMsal } from "@/lib/ui/auth/msal-instance";
import { AuthGate } from "./auth-gate";
import { SigningInScreen } from "./sign-in-screen";

/**
 * MSAL React around the app, for page loads that need MSAL to know who is signed in (loaded on
 * demand by app/providers.tsx): MsalProvider finishes a sign-in that came back from the provider,
 * and the auth gate shows the app, the sign-in screen, or a neutral state while MSAL decides.
 */
export default function MsalGate({ config, children }: { config: PublicAuthConfig; children: React.ReactNode }) {
  const [msal, setMsal] = useState<PublicClientApplication | null>(null);
  const [msalError, setMsalError] = useState<unknown>(null);
  useEffect(() => {
    loadMsal(config).then(({ instance }) => setMsal(instance), setMsalError);
  }, [config]);
  if (msalError) throw msalError;
  if (!msal) return <SigningInScreen />;
  return (
    <MsalProvider instance={msal}>
      <AuthGate config={config}>{children}</AuthGate>
    </MsalProvider>
  );
}
