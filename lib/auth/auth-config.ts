import path from "node:path";
import { API_AUDIENCE, API_SCOPE, CONNECTOR_CLIENT_ID, SPA_CLIENT_ID } from "./embedded-identity";
import { type TSettings, getSettings } from "../settings/settings";

const ENTRA_HOST = "login.microsoftonline.com";
// Entra's multi-tenant authorities: tokens then come from many directories, each with its own issuer.
const ENTRA_MULTI_TENANT = new Set(["organizations", "common"]);

export type AuthMode = "embedded" | "entra";

export type AuthConfig = {
  mode: AuthMode;
  /** The exact `iss` of access tokens; for a multi-tenant Entra app, the template with `{tenantid}`. */
  issuer: string;
  /** True when `iss` depends on the token's `tid` (Entra "organizations"/"common"). */
  issuerPerTenant: boolean;
  jwksUri: string;
  /** The API's audience as configured (what the browser asks a token for). */
  audience: string;
  /** Every `aud` value the API accepts: Entra v2 tokens carry the client id, not the App ID URI. */
  acceptedAudiences: string[];
  scope: string;
  spaClientId: string;
  /**
   * The OAuth clients a Power Automate connection calls through (the custom connector's): calls with
   * their tokens are rate-limited per connection (lib/rate-limit). The SPA's are not.
   */
  connectorClientIds: string[];
  authority: string;
  knownAuthorities: string[];
  /** The embedded provider's CA, which the server trusts when fetching its JWKS; undefined for Entra. */
  caFile?: string;
  /** RFC 9068 `typ` the embedded provider puts on access tokens; Entra's tokens carry plain "JWT". */
  requiredTyp?: string;
};

/** What the browser needs to sign in; served at runtime by the layout (no build-time values). */
export type PublicAuthConfig = {
  mode: AuthMode;
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  scope: string;
  protocolMode: "OIDC" | "AAD";
};

const isEntra = (settings: TSettings) => Boolean(settings.ENTRA_TENANT_ID && settings.ENTRA_CLIENT_ID);

const entraConfig = (settings: TSettings): AuthConfig => {
  const tenant = settings.ENTRA_TENANT_ID!;
  const clientId = settings.ENTRA_CLIENT_ID!;
  const audience = settings.ENTRA_API_AUDIENCE ?? `api://${clientId}`;
  const issuerPerTenant = ENTRA_MULTI_TENANT.has(tenant.toLowerCase());
  return {
    mode: "entra",
    issuer: `https://${ENTRA_HOST}/${issuerPerTenant ? "{tenantid}" : tenant}/v2.0`,
    issuerPerTenant,
    // The jwks_uri of https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration.
    jwksUri: `https://${ENTRA_HOST}/${tenant}/discovery/v2.0/keys`,
    audience,
    acceptedAudiences: [...new Set([audience, clientId])],
    scope: settings.ENTRA_API_SCOPE ?? `${audience}/access_as_user`,
    spaClientId: clientId,
    connectorClientIds: settings.ENTRA_CONNECTOR_CLIENT_ID ? [settings.ENTRA_CONNECTOR_CLIENT_ID] : [],
    authority: `https://${ENTRA_HOST}/${tenant}`,
    knownAuthorities: [ENTRA_HOST],
  };
};

const embeddedConfig = (settings: TSettings): AuthConfig => {
  const host = `localhost:${settings.IDP_PORT}`;
  const issuer = `https://${host}`;
  return {
    mode: "embedded",
    issuer,
    issuerPerTenant: false,
    // oidc-provider's default JWKS route.
    jwksUri: `${issuer}/jwks`,
    audience: API_AUDIENCE,
    acceptedAudiences: [API_AUDIENCE],
    scope: API_SCOPE,
    spaClientId: SPA_CLIENT_ID,
    connectorClientIds: [CONNECTOR_CLIENT_ID],
    authority: issuer,
    knownAuthorities: [host],
    caFile: path.join(settings.dataDir, "tls", "ca.crt"),
    requiredTyp: "at+jwt",
  };
};

/** Embedded provider by default; Microsoft Entra ID when ENTRA_TENANT_ID and ENTRA_CLIENT_ID are set. */
export const getAuthConfig = (): AuthConfig => {
  const settings = getSettings();
  return isEntra(settings) ? entraConfig(settings) : embeddedConfig(settings);
};

export const getPublicAuthConfig = (): PublicAuthConfig => {
  const config = getAuthConfig();
  return {
    mode: config.mode,
    clientId: config.spaClientId,
    authority: config.authority,
    knownAuthorities: config.knownAuthorities,
    scope: config.scope,
    protocolMode: config.mode === "entra" ? "AAD" : "OIDC",
  };
};

/** The app's own origin as the browser sees it (redirect URIs, CORS): APP_URL, else http://localhost:PORT. */
export const getAppUrl = (): string => {
  const settings = getSettings();
  return (settings.APP_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, "");
};
