import { type JWK, type JWTPayload, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from "jose";
import { getAuthConfig } from "../auth-config";
import type { Role } from "../roles";
import { setAccessTokenKeysForTesting } from "../verify-access-token";

/** Who a test token speaks for: the claims the API maps to a Principal. */
export type TestIdentity = { sub: string; tid: string; roles: string[]; name?: string };

/** The seeded demo accounts' identities (the embedded provider issues the same claims). */
export const TEST_IDENTITIES = {
  contosoAdmin: { sub: "user-contoso-admin", tid: "contoso", roles: ["Admin"], name: "Avery Admin" },
  contosoContributor: { sub: "user-contoso-contributor", tid: "contoso", roles: ["Contributor"], name: "Casey Contributor" },
  contosoViewer: { sub: "user-contoso-viewer", tid: "contoso", roles: ["Viewer"], name: "Val Viewer" },
  fabrikamAdmin: { sub: "user-fabrikam-admin", tid: "fabrikam", roles: ["Admin"], name: "Farah Admin" },
} satisfies Record<string, TestIdentity>;

const byRole: Record<Role, TestIdentity> = {
  Admin: TEST_IDENTITIES.contosoAdmin,
  Contributor: TEST_IDENTITIES.contosoContributor,
  Viewer: TEST_IDENTITIES.contosoViewer,
};

/** A Contoso identity with the given role. */
export const identityFor = (role: Role): TestIdentity => byRole[role];

export const TEST_KEY_ID = "test-signing-key";

type SigningKeys = { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK };
let signingKeys: Promise<SigningKeys> | undefined;

/**
 * This process's test signing key pair; its public JWKS is what the API verifies against
 * (installed on every call, so a test that swapped the key set cannot leak into the next).
 */
export const testSigningKeys = async (): Promise<SigningKeys> => {
  signingKeys ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: TEST_KEY_ID, alg: "RS256", use: "sig" };
    return { privateKey, publicKey, publicJwk };
  })();
  const keys = await signingKeys;
  setAccessTokenKeysForTesting(createLocalJWKSet({ keys: [keys.publicJwk] }));
  return keys;
};

export type MintOptions = {
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now; negative for an expired token. Default 3600. */
  expiresIn?: number;
  /** Seconds from now when the token becomes valid; unset means no nbf claim. */
  notBefore?: number;
  typ?: string;
  /** Extra or overriding claims, standard ones included (set a claim to undefined to drop it). */
  claims?: JWTPayload;
  /** Sign with another key (a forged signature) under the same kid. */
  privateKey?: CryptoKey;
};

/** A signed access token as the configured issuer would issue it (embedded: RS256, typ at+jwt). */
export const mintAccessToken = async (identity: TestIdentity, options: MintOptions = {}): Promise<string> => {
  const keys = await testSigningKeys();
  const config = getAuthConfig();
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    iss: options.issuer ?? config.issuer.replace("{tenantid}", identity.tid),
    aud: options.audience ?? config.audience,
    sub: identity.sub,
    iat: now,
    exp: now + (options.expiresIn ?? 3600),
    ...(options.notBefore === undefined ? {} : { nbf: now + options.notBefore }),
    tid: identity.tid,
    roles: identity.roles,
    name: identity.name,
    preferred_username: `${identity.sub}@${identity.tid}.example`,
    scope: config.scope.split("/").pop(),
    client_id: config.spaClientId,
    ...options.claims,
  };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
  const jwt = new SignJWT(claims).setProtectedHeader({
    alg: "RS256",
    kid: TEST_KEY_ID,
    typ: options.typ ?? config.requiredTyp ?? "JWT",
  });
  return jwt.sign(options.privateKey ?? keys.privateKey);
};

/** An Authorization header for the identity. */
export const bearerHeader = async (identity: TestIdentity, options?: MintOptions) => ({
  authorization: `Bearer ${await mintAccessToken(identity, options)}`,
});
