import Provider, { errors, type KoaContextWithOIDC } from "oidc-provider";
import { getDb } from "../db/client";
import { API_AUDIENCE, API_SCOPE, CONNECTOR_CLIENT_ID, POWER_PLATFORM_REDIRECT_URI, SPA_CLIENT_ID, machineClients, normalizeAppUrl } from "./clients";
import { PrismaOidcAdapter } from "./prisma-adapter";
import { logoutSource, postLogoutSuccessSource, renderError } from "./provider-pages";
import type { ProviderSecrets } from "./provider-secrets";

export type IdentityProviderOptions = {
  /** `https://localhost:${IDP_PORT}`, no trailing slash. */
  issuer: string;
  /** Where the browser reaches the app (APP_URL). */
  appUrl: string;
  accessTokenTtlSeconds: number;
  secrets: ProviderSecrets;
  /** Where else the connector's sign-in may return (a stand-in for Power Automate in tests), besides Power Platform's. */
  connectorRedirectUris?: readonly string[];
};

const hour = 3600;
const day = 24 * hour;

const findUser = (id: string) =>
  getDb().user.findUnique({ where: { id }, select: { id: true, tenantId: true, email: true, displayName: true, role: true } });

// Users sign in through two clients, both the product's own: the SPA, and the connector when a
// Power Automate connection signs its user in (as an Entra tenant whose administrator consented
// to the connector app for everyone). Neither shows a consent screen, so the grant is created
// (or topped up) with what each needs: the SPA everything, the connector the API on the user's behalf.
const grantedScopes: Record<string, string> = {
  [SPA_CLIENT_ID]: "openid profile email offline_access",
  [CONNECTOR_CLIENT_ID]: "openid offline_access",
};
const loadExistingGrant = async (ctx: KoaContextWithOIDC) => {
  const client = ctx.oidc.client!;
  const session = ctx.oidc.session!;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  const oidcScopes = grantedScopes[client.clientId];
  if (!oidcScopes) return existing;
  const grant = existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
  grant.addOIDCScope(oidcScopes);
  grant.addResourceScope(API_AUDIENCE, API_SCOPE);
  await grant.save();
  return grant;
};

export const createIdentityProvider = ({ issuer, appUrl, accessTokenTtlSeconds, secrets, connectorRedirectUris = [] }: IdentityProviderOptions) => {
  const app = normalizeAppUrl(appUrl);
  const appOrigin = new URL(app).origin;

  const provider = new Provider(issuer, {
    adapter: PrismaOidcAdapter,
    clients: [
      {
        client_id: SPA_CLIENT_ID,
        client_name: "Audience Insights",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: [`${app}/`, `${app}/redirect.html`],
        post_logout_redirect_uris: [`${app}/`],
      },
      {
        client_id: CONNECTOR_CLIENT_ID,
        client_name: "Power Automate connector",
        client_secret: secrets.connectorClientSecret,
        token_endpoint_auth_method: "client_secret_basic",
        // A connection either acts for itself (client credentials) or for the user who signed it in.
        grant_types: ["client_credentials", "authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: [POWER_PLATFORM_REDIRECT_URI, ...connectorRedirectUris],
      },
    ],
    jwks: secrets.jwks,
    cookies: { keys: secrets.cookieKeys },
    scopes: ["openid", "profile", "email", "offline_access"],
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username", "tid", "roles"],
      email: ["email", "email_verified"],
    },
    findAccount: async (_ctx: KoaContextWithOIDC, id: string) => {
      const user = await findUser(id);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          name: user.displayName,
          preferred_username: user.email,
          email: user.email,
          email_verified: true,
          tid: user.tenantId,
          roles: [user.role],
        }),
      };
    },
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token: { kind: string; clientId?: string; accountId?: string }) => {
      if (token.kind === "ClientCredentials") {
        const machine = token.clientId ? machineClients[token.clientId] : undefined;
        return machine ? { tid: machine.tenantId, roles: [machine.role], name: machine.name } : undefined;
      }
      const user = token.accountId ? await findUser(token.accountId) : null;
      if (!user) return undefined;
      return { tid: user.tenantId, roles: [user.role], name: user.displayName, preferred_username: user.email };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        // Entra-style requests name only the scope: map it to its API so the token is a JWT for it.
        defaultResource: async (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string[]) => {
          if (oneOf) return oneOf;
          const scope = String(ctx.oidc.params?.scope ?? "");
          return scope.split(" ").some((s) => s.startsWith(`${API_AUDIENCE}/`)) ? API_AUDIENCE : undefined;
        },
        // Code and refresh-token redemptions carry no resource: reuse the granted one.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== API_AUDIENCE) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: API_AUDIENCE,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    // MSAL sends no prompt=consent, which strips offline_access: issue refresh tokens by grant type.
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    loadExistingGrant,
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client: { clientId: string }) =>
      origin === appOrigin && client.clientId === SPA_CLIENT_ID,
    ttl: {
      AccessToken: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
        token.resourceServer?.accessTokenTTL ?? accessTokenTtlSeconds,
      ClientCredentials: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
        token.resourceServer?.accessTokenTTL ?? 600,
      AuthorizationCode: 60,
      IdToken: hour,
      Interaction: hour,
      Session: 14 * day,
      Grant: 14 * day,
      // Rotated SPA refresh tokens keep the first one's absolute lifetime (as Entra's SPA tokens).
      RefreshToken: (ctx: KoaContextWithOIDC | undefined, _token: unknown, client: { clientAuthMethod: string }) => {
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken as { remainingTTL: number } | undefined;
        return rotated && client.clientAuthMethod === "none" ? rotated.remainingTTL : day;
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError,
  });
  return provider;
};
