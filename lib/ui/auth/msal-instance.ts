import {
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type EventMessage,
  EventType,
  InteractionType,
  PublicClientApplication,
} from "@azure/msal-browser";
import type { PublicAuthConfig } from "../../auth/auth-config";
import { readTokenClaims } from "./token-claims";
import { roleFromClaim } from "./permissions";
import { clearSession, markMsalUsed, saveSession, type SignedInSession } from "./session-store";

// The one PublicClientApplication of the page. It is created at module scope the first time the
// app needs it (the config only reaches the browser at runtime, from the server layout), so React
// re-renders and re-mounts never build a second one. Only loaded on demand (dynamic import): a page
// of a signed-in tab runs from the session copy MSAL writes here (session-store.ts).

export type LoadedMsal = { instance: PublicClientApplication; config: PublicAuthConfig };

let loading: Promise<LoadedMsal> | null = null;
let lastRedirectError: unknown = null;

export const buildMsalConfiguration = (config: PublicAuthConfig, origin: string): Configuration => ({
  auth: {
    clientId: config.clientId,
    authority: config.authority,
    // Without it MSAL asks Microsoft's public cloud about the authority (fails offline, wrong for a local provider).
    knownAuthorities: config.knownAuthorities,
    redirectUri: `${origin}/`,
    postLogoutRedirectUri: `${origin}/`,
    // Refresh requests must ask a subset of the refresh token's scopes: the embedded provider only
    // grants offline_access implicitly, so asking it again would fail with invalid_scope.
    ...(config.protocolMode === "OIDC" ? { OIDCOptions: { defaultScopes: ["openid", "profile"] } } : {}),
  },
  // Per tab: closing the tab ends the browser side of the session.
  cache: { cacheLocation: "sessionStorage" },
  // MSAL 5 reads protocolMode from `system`; under `auth` it is silently ignored.
  system: { protocolMode: config.protocolMode },
});

/** Where the hidden iframe of a silent renewal lands: a page that only hands the response back. */
export const redirectBridgeUri = () => `${window.location.origin}/redirect.html`;

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The app's copy of a sign-in or token result for its API; null for tokens of other scopes. */
export const sessionFromResult = (result: AuthenticationResult, config: PublicAuthConfig): SignedInSession | null => {
  const forApi = (result.scopes ?? []).some((scope) => scope.toLowerCase() === config.scope.toLowerCase());
  if (!forApi || !result.account || !result.accessToken || !result.expiresOn) return null;
  const idClaims = (result.idTokenClaims ?? result.account.idTokenClaims ?? {}) as Record<string, unknown>;
  const accessClaims = readTokenClaims(result.accessToken) ?? {};
  return {
    homeAccountId: result.account.homeAccountId,
    name: text(idClaims.name) || result.account.name || result.account.username,
    username: result.account.username || text(idClaims.preferred_username),
    tenantId: text(idClaims.tid) || result.account.tenantId || text(accessClaims.tid),
    // The ID token's roles when it has them, else the access token's (what the API itself checks).
    role: roleFromClaim(idClaims.roles) ?? roleFromClaim(accessClaims.roles),
    accessToken: result.accessToken,
    expiresOn: result.expiresOn.getTime(),
  };
};

const rememberAccount = (instance: PublicClientApplication, config: PublicAuthConfig, message: EventMessage) => {
  // MSAL 5: LOGIN_SUCCESS carries the AccountInfo, ACQUIRE_TOKEN_SUCCESS the AuthenticationResult.
  if (message.eventType === EventType.LOGIN_SUCCESS) {
    const account = message.payload as AccountInfo | null;
    if (account) instance.setActiveAccount(account);
    lastRedirectError = null;
  }
  if (message.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) {
    const result = message.payload as AuthenticationResult | null;
    if (result?.account) instance.setActiveAccount(result.account);
    const session = result ? sessionFromResult(result, config) : null;
    if (session) saveSession(session);
    lastRedirectError = null;
  }
  if (message.eventType === EventType.LOGOUT_START) clearSession();
  if (message.eventType === EventType.ACQUIRE_TOKEN_FAILURE && message.interactionType === InteractionType.Redirect) {
    lastRedirectError = message.error;
  }
};

/** Creates (once) and initializes the page's MSAL instance. Browser only. */
export const loadMsal = (config: PublicAuthConfig): Promise<LoadedMsal> => {
  if (loading) return loading;
  markMsalUsed();
  const instance = new PublicClientApplication(buildMsalConfiguration(config, window.location.origin));
  loading = instance.initialize().then(() => {
    if (!instance.getActiveAccount()) {
      const [first] = instance.getAllAccounts();
      if (first) instance.setActiveAccount(first);
    }
    // Registered before MsalProvider runs handleRedirectPromise, so the sign-in's LOGIN_SUCCESS is seen.
    // (MSAL 5 has no enableAccountStorageEvents: the cache is per tab in sessionStorage anyway.)
    instance.addEventCallback((message) => {
      // MSAL calls back inside its own flows: a failure here must never break a sign-in.
      try {
        rememberAccount(instance, config, message);
      } catch (error) {
        console.error("Could not record the sign-in for this tab", error);
      }
    });
    return { instance, config };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
};

/** The error of the last redirect sign-in that came back failed (shown on the sign-in screen). */
export const takeLastRedirectError = () => {
  const error = lastRedirectError;
  lastRedirectError = null;
  return error;
};
