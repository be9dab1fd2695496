import { type AccountInfo, InteractionRequiredAuthError, type PublicClientApplication } from "@azure/msal-browser";
import { type LoadedMsal, redirectBridgeUri, whenMsalLoaded } from "./msal-instance";
import { saveDraftsBeforeRedirect } from "./redirect-drafts";

// Access tokens for the app's API: silently from MSAL's cache or by refresh, and when that is no
// longer possible (session expired, consent needed) by a redirect to the identity provider that
// comes back to the same page with the user's unsaved drafts restored.

export class SignInRequiredError extends Error {
  constructor(cause?: unknown) {
    super("Sign-in is required.", { cause });
    this.name = "SignInRequiredError";
  }
}

let redirecting: Promise<never> | null = null;

const activeAccount = (instance: PublicClientApplication): AccountInfo | null =>
  instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;

/** Leaves the page for the identity provider; never resolves, because the page unloads. */
export const startInteractiveSignIn = async ({ instance, config }: LoadedMsal): Promise<never> => {
  // Many requests can fail at once (SWR revalidates every list): only the first one redirects.
  if (redirecting) return redirecting;
  saveDraftsBeforeRedirect();
  const account = activeAccount(instance);
  redirecting = instance
    .acquireTokenRedirect({ scopes: [config.scope], ...(account ? { account } : {}), redirectStartPage: window.location.href })
    .then(() => new Promise<never>(() => {}));
  redirecting.catch(() => {
    redirecting = null;
  });
  return redirecting;
};

const loaded = async (): Promise<LoadedMsal> => {
  const pending = whenMsalLoaded();
  if (!pending) throw new SignInRequiredError();
  return pending;
};

/**
 * A bearer token for the API. `forceRefresh` skips the cached access token (the API refused it).
 * Falls back to an interactive redirect only when MSAL says interaction is required.
 */
export const acquireApiToken = async ({ forceRefresh = false }: { forceRefresh?: boolean } = {}): Promise<string> => {
  const msal = await loaded();
  const account = activeAccount(msal.instance);
  if (!account) throw new SignInRequiredError();
  try {
    const result = await msal.instance.acquireTokenSilent({
      scopes: [msal.config.scope],
      account,
      forceRefresh,
      redirectUri: redirectBridgeUri(),
    });
    return result.accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) return startInteractiveSignIn(msal);
    throw error;
  }
};

/** After the API answered 401 to a fresh token too: sign in again interactively. */
export const reauthenticate = async (): Promise<never> => startInteractiveSignIn(await loaded());

/** The claims of an access token (not verified: only for showing the user's role; the API verifies). */
export const readTokenClaims = (token: string): Record<string, unknown> | null => {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
