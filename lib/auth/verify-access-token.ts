import { readFile } from "node:fs/promises";
import {
  type FetchImplementation,
  type JWTPayload,
  type JWTVerifyGetKey,
  createRemoteJWKSet,
  customFetch,
  errors,
  jwtVerify,
} from "jose";
import { Agent, fetch as undiciFetch } from "undici";
import { AppError } from "../errors/app-error";
import { type AuthConfig, getAuthConfig } from "./auth-config";

/** Never `none` nor HS*: a symmetric algorithm would let anyone holding the public key sign tokens. */
export const ACCESS_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256"];
export const CLOCK_TOLERANCE_SECONDS = 60;

/** The claims the API relies on, checked and typed. */
export type AccessTokenClaims = {
  sub: string;
  tid: string;
  roles: string[];
  name?: string;
  preferredUsername?: string;
  /** The OAuth client the token was issued to: `client_id` (RFC 9068), `azp` (Entra v2) or `appid` (Entra v1). */
  clientId?: string;
};

// A tenant id becomes a database key; keep it to what real ones look like (GUIDs, short slugs).
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const invalidToken = (message: string) => new AppError("unauthorized", message);

const identityUnavailable = (cause: unknown) =>
  Object.assign(
    new AppError("identity_unavailable", "The sign-in service could not be reached to check your token. Try again shortly."),
    { cause },
  );

/** A fetch that trusts the embedded provider's own CA (its certificate is generated on first start). */
const fetchTrustingCa = (caFile: string): FetchImplementation => {
  let agent: Promise<Agent> | undefined;
  return async (url, options) => {
    agent ??= readFile(caFile).then((ca) => new Agent({ connect: { ca } }));
    // Not cached on failure: the provider may write its CA after the app started.
    const dispatcher = await agent.catch((error: unknown) => {
      agent = undefined;
      throw error;
    });
    const response = await undiciFetch(url, {
      method: options.method,
      redirect: options.redirect,
      signal: options.signal,
      headers: Object.fromEntries(options.headers),
      dispatcher,
    });
    return response as unknown as Response;
  };
};

// One remote key set per JWKS location: jose caches the keys and refetches on an unknown kid.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

const remoteKeySet = (config: AuthConfig): JWTVerifyGetKey => {
  const cacheKey = `${config.jwksUri} ${config.caFile ?? ""}`;
  let keys = remoteKeySets.get(cacheKey);
  if (!keys) {
    keys = createRemoteJWKSet(
      new URL(config.jwksUri),
      config.caFile ? { [customFetch]: fetchTrustingCa(config.caFile) } : {},
    );
    remoteKeySets.set(cacheKey, keys);
  }
  return keys;
};

let keysForTesting: JWTVerifyGetKey | undefined;

// A browser sends the same access token with every call for up to an hour; its signature needs
// checking once. Keyed by the exact token string (and the issuer/audience it was checked against), so
// only byte-identical tokens already verified hit; expiry is re-checked on every hit, and an entry is
// dropped after a minute so a key withdrawn from the JWKS stops being honoured soon after.
const VERIFIED_REUSE_MS = 60_000;
const MAX_VERIFIED = 10_000;
const verified = new Map<string, { claims: AccessTokenClaims; exp: number; until: number }>();

/**
 * Tests sign tokens with their own key pair and hand its public JWKS here (createLocalJWKSet).
 * Only where the keys come from changes; every check below stays the production one.
 */
export const setAccessTokenKeysForTesting = (keys: JWTVerifyGetKey | undefined) => {
  if (keys !== keysForTesting) verified.clear();
  keysForTesting = keys;
};

const EXPIRED = "The access token has expired. Sign in again.";

const describeJoseError = (error: InstanceType<typeof errors.JOSEError>): string => {
  if (error instanceof errors.JWTExpired) return EXPIRED;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf" || error.claim === "iat") return "The access token is not valid yet.";
    if (error.claim === "aud") return "The access token was issued for another application.";
    if (error.claim === "iss") return "The access token was issued by an unknown sign-in service.";
    if (error.reason === "missing") return `The access token has no "${error.claim}" claim.`;
    return `The access token's "${error.claim}" claim is not acceptable.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return "The access token is signed with an algorithm this app does not accept.";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "The access token's signature could not be verified.";
  }
  return "The access token is not a valid signed token.";
};

const stringClaim = (payload: JWTPayload, name: string): string | undefined => {
  const value = payload[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

const rolesClaim = (payload: JWTPayload): string[] => {
  const value = payload.roles;
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : [];
};

/**
 * Verifies a bearer access token against the configured issuer's keys: signature (allow-listed
 * algorithms), issuer, audience, exp/nbf with 60 s skew, and the claims the API needs.
 * Throws AppError "unauthorized" for any bad token, "identity_unavailable" when the keys cannot be fetched.
 */
export const verifyAccessToken = async (token: string): Promise<AccessTokenClaims> => {
  const config = getAuthConfig();
  const cacheKey = [config.issuer, config.jwksUri, config.caFile, ...config.acceptedAudiences, token].join(" ");
  const hit = verified.get(cacheKey);
  const now = Date.now();
  if (hit && hit.until > now) {
    if (now <= (hit.exp + CLOCK_TOLERANCE_SECONDS) * 1000) return hit.claims;
    verified.delete(cacheKey);
    throw invalidToken(EXPIRED);
  }
  const { exp, ...claims } = await verifyUncached(token, config);
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.set(cacheKey, { claims, exp, until: now + VERIFIED_REUSE_MS });
  return claims;
};

const verifyUncached = async (token: string, config: AuthConfig): Promise<AccessTokenClaims & { exp: number }> => {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keysForTesting ?? remoteKeySet(config), {
      issuer: config.issuerPerTenant ? undefined : config.issuer,
      audience: config.acceptedAudiences,
      algorithms: ACCESS_TOKEN_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "tid", "exp"],
      typ: config.requiredTyp,
    }));
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw identityUnavailable(error);
    if (error instanceof errors.JOSEError) throw invalidToken(describeJoseError(error));
    // Anything else comes from fetching the key set (network, TLS, missing CA file).
    throw identityUnavailable(error);
  }

  const sub = stringClaim(payload, "sub");
  const tid = stringClaim(payload, "tid");
  if (!sub || !tid || !TENANT_ID.test(tid)) throw invalidToken("The access token's subject or tenant is not valid.");
  // Multi-tenant Entra: the signature is Microsoft's for every directory, so the issuer must match the token's own tid.
  if (config.issuerPerTenant && payload.iss !== config.issuer.replace("{tenantid}", tid)) {
    throw invalidToken("The access token was issued by an unknown sign-in service.");
  }
  return {
    sub,
    tid,
    roles: rolesClaim(payload),
    name: stringClaim(payload, "name"),
    preferredUsername: stringClaim(payload, "preferred_username"),
    clientId: stringClaim(payload, "client_id") ?? stringClaim(payload, "azp") ?? stringClaim(payload, "appid"),
    exp: payload.exp!,
  };
};
