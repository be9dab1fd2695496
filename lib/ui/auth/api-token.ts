import type { PublicAuthConfig } from "../../auth/auth-config";
import { getSession, usableAccessToken } from "./session-store";
import { SignInRequiredError } from "./sign-in-required-error";

// Access tokens for the app's API, and the ways in and out. The session copy (session-store.ts)
// serves while its token is fresh; anything else loads MSAL on demand (msal-token.ts): a silent
// token from its cache or by refresh, and when that is no longer possible (session expired,
// consent needed) a redirect to the identity provider that comes back to the same page.

// The browser's auth configuration arrives at run time from the server layout (app/providers.tsx).
let authConfig: PublicAuthConfig | null = null;

export const configureAuth = (config: PublicAuthConfig) => {
  authConfig = config;
};

const withMsal = async () => {
  if (!authConfig) throw new SignInRequiredError();
  return { config: authConfig, msal: await import("./msal-token") };
};

/** A bearer token for the API. `forceRefresh` skips cached tokens (the API refused the last one). */
export const acquireApiToken = async ({ forceRefresh = false }: { forceRefresh?: boolean } = {}): Promise<string> => {
  if (!forceRefresh) {
    const token = usableAccessToken(getSession());
    if (token) return token;
  }
  const { config, msal } = await withMsal();
  return msal.acquireTokenWithMsal(config, { forceRefresh });
};

/** After the API answered 401 to a fresh token too: sign in again interactively. */
export const reauthenticate = async (): Promise<never> => {
  const { config, msal } = await withMsal();
  return msal.reauthenticateWithMsal(config);
};

/** To the identity provider and back to this very URL, signed in. */
export const signIn = async () => {
  const { config, msal } = await withMsal();
  await msal.signInWithRedirect(config);
};

/** Ends the session in this tab and at the identity provider. */
export const signOut = async () => {
  const { config, msal } = await withMsal();
  await msal.signOutWithRedirect(config);
};
