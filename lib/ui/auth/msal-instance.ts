import {
  type AuthenticationResult,
  type Configuration,
  type EventMessage,
  EventType,
  InteractionType,
  PublicClientApplication,
} from "@azure/msal-browser";
import type { PublicAuthConfig } from "../../auth/auth-config";

// The one PublicClientApplication of the page. It is created at module scope the first time the
// providers ask for it (the config only reaches the browser at runtime, from the server layout),
// so React re-renders and re-mounts never build a second one.

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

const rememberAccount = (instance: PublicClientApplication, message: EventMessage) => {
  if (message.eventType === EventType.LOGIN_SUCCESS || message.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) {
    const result = message.payload as AuthenticationResult | null;
    if (result?.account) instance.setActiveAccount(result.account);
    lastRedirectError = null;
  }
  if (message.eventType === EventType.ACQUIRE_TOKEN_FAILURE && message.interactionType === InteractionType.Redirect) {
    lastRedirectError = message.error;
  }
};

/** Creates (once) and initializes the page's MSAL instance. Browser only. */
export const loadMsal = (config: PublicAuthConfig): Promise<LoadedMsal> => {
  if (loading) return loading;
  const instance = new PublicClientApplication(buildMsalConfiguration(config, window.location.origin));
  loading = instance.initialize().then(() => {
    if (!instance.getActiveAccount()) {
      const [first] = instance.getAllAccounts();
      if (first) instance.setActiveAccount(first);
    }
    // Registered before MsalProvider runs handleRedirectPromise, so the sign-in's LOGIN_SUCCESS is seen.
    // (MSAL 5 has no enableAccountStorageEvents: the cache is per tab in sessionStorage anyway.)
    instance.addEventCallback((message) => rememberAccount(instance, message));
    return { instance, config };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
};

/** The instance once the providers have loaded it; null during server rendering and before. */
export const whenMsalLoaded = (): Promise<LoadedMsal> | null => loading;

/** The error of the last redirect sign-in that came back failed (shown on the sign-in screen). */
export const takeLastRedirectError = () => {
  const error = lastRedirectError;
  lastRedirectError = null;
  return error;
};
