import { type AccountInfo, InteractionRequiredAuthError, type PublicClientApplication } from "@azure/msal-browser";
import type { PublicAuthConfig } from "../../auth/auth-config";
import { SignInRequiredError } from "./sign-in-required-error";
import { type LoadedMsal, loadMsal, redirectBridgeUri, sessionFromResult } from "./msal-instance";
import { saveDraftsBeforeRedirect } from "./redirect-drafts";
import { clearSession, dropSessionToken, saveSession } from "./session-store";

// Everything that needs MSAL itself: tokens it must fetch (silently from its cache or by refresh,
// else by a redirect to the identity provider that comes back to the same page with the user's
// unsaved drafts restored), signing in and signing out. Loaded on demand by api-token.ts and the
// sign-in and sign-out buttons, so pages that have a usable session never download MSAL.

let redirecting: Promise<never> | null = null;

const activeAccount = (instance: PublicClientApplication): AccountInfo | null =>
  instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;

/** MSAL ready for an interaction: a response from the provider in this page load is handled first. */
const readyForInteraction = async (config: PublicAuthConfig) => {
  const msal = await loadMsal(config);
  await msal.instance.handleRedirectPromise();
  return msal;
};

/** Leaves the page for the identity provider; never resolves, because the page unloads. */
export const startInteractiveSignIn = async ({ instance, config }: LoadedMsal): Promise<never> => {
  // Many requests can fail at once (SWR revalidates every list): only the first one redirects.
  if (redirecting) return redirecting;
  saveDraftsBeforeRedirect();
  // The page that comes back must finish the sign-in through MSAL, not reuse the old token.
  dropSessionToken();
  const account = activeAccount(instance);
  redirecting = instance
    .acquireTokenRedirect({ scopes: [config.scope], ...(account ? { account } : {}), redirectStartPage: window.location.href })
    .then(() => new Promise<never>(() => {}));
  redirecting.catch(() => {
    redirecting = null;
  });
  return redirecting;
};

/**
 * A bearer token from MSAL. `forceRefresh` skips its cached access token (the API refused it).
 * Falls back to an interactive redirect only when MSAL says interaction is required.
 */
export const acquireTokenWithMsal = async (config: PublicAuthConfig, { forceRefresh = false } = {}): Promise<string> => {
  const msal = await loadMsal(config);
  const account = activeAccount(msal.instance);
  if (!account) throw new SignInRequiredError();
  try {
    const result = await msal.instance.acquireTokenSilent({ scopes: [config.scope], account, forceRefresh, redirectUri: redirectBridgeUri() });
    const session = sessionFromResult(result, config);
    if (session) saveSession(session);
    return result.accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) return startInteractiveSignIn(await readyForInteraction(config));
    throw error;
  }
};

/** After the API answered 401 to a fresh token too: sign in again interactively. */
export const reauthenticateWithMsal = async (config: PublicAuthConfig): Promise<never> =>
  startInteractiveSignIn(await readyForInteraction(config));

/** The sign-in screen's button: to the provider and back to this very URL (a deep link survives). */
export const signInWithRedirect = async (config: PublicAuthConfig) => {
  const { instance } = await readyForInteraction(config);
  await instance.loginRedirect({ scopes: [config.scope], redirectStartPage: window.location.href });
};

/** Ends the session here and at the provider; the page leaves for the provider's sign-out. */
export const signOutWithRedirect = async (config: PublicAuthConfig) => {
  const { instance } = await readyForInteraction(config);
  clearSession();
  const account = activeAccount(instance);
  // The ID token hint lets the provider end its own session and return here without asking.
  await instance.logoutRedirect(account ? { account, idTokenHint: account.idToken } : undefined);
};
