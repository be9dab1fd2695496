import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors/app-error";
import { resetSettingsCache } from "../settings/settings";
import { getAuthConfig, getPublicAuthConfig } from "./auth-config";
import { highestRole } from "./roles";
import { TEST_IDENTITIES, type TestIdentity, mintAccessToken } from "./testing/test-tokens";
import { verifyAccessToken } from "./verify-access-token";

const ENTRA_KEYS = ["ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_API_AUDIENCE", "ENTRA_API_SCOPE", "ENTRA_CONNECTOR_CLIENT_ID", "IDP_PORT"] as const;
const saved = Object.fromEntries(ENTRA_KEYS.map((k) => [k, process.env[k]]));

const setEnv = (values: Partial<Record<(typeof ENTRA_KEYS)[number], string>>) => {
  for (const key of ENTRA_KEYS) delete process.env[key];
  Object.assign(process.env, values);
  resetSettingsCache();
};

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetSettingsCache();
});

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "verified";
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
  }
};

const TENANT_A = "11111111-1111-4111-8111-111111111111";
const TENANT_B = "22222222-2222-4222-8222-222222222222";
const CLIENT = "33333333-3333-4333-8333-333333333333";
const entraUser = (tid: string): TestIdentity => ({ sub: "entra-sub", tid, roles: ["Contributor"], name: "Entra User" });

describe("roles", () => {
  it("maps a roles claim to the highest of the product's roles, ignoring others", () => {
    expect(highestRole(["Viewer", "Admin", "Contributor"])).toBe("Admin");
    expect(highestRole(["ingest.write", "Contributor"])).toBe("Contributor");
    expect(highestRole(["admin", "Reader"])).toBeUndefined();
    expect(highestRole([])).toBeUndefined();
  });
});

describe("auth config", () => {
  it("defaults to the embedded provider over https on IDP_PORT", () => {
    setEnv({ IDP_PORT: "4443" });
    expect(getAuthConfig()).toMatchObject({
      mode: "embedded",
      issuer: "https://localhost:4443",
      jwksUri: "https://localhost:4443/jwks",
      audience: "api://audience-insights",
      scope: "api://audience-insights/access_as_user",
      spaClientId: "audience-insights-spa",
      connectorClientIds: ["audience-insights-connector"],
    });
    expect(getPublicAuthConfig()).toEqual({
      mode: "embedded",
      clientId: "audience-insights-spa",
      authority: "https://localhost:4443",
      knownAuthorities: ["localhost:4443"],
      scope: "api://audience-insights/access_as_user",
      protocolMode: "OIDC",
    });
  });

  it("switches to Microsoft Entra ID when its tenant and client id are set", () => {
    setEnv({ ENTRA_TENANT_ID: TENANT_A, ENTRA_CLIENT_ID: CLIENT });
    expect(getAuthConfig()).toMatchObject({
      mode: "entra",
      issuer: `https://login.microsoftonline.com/${TENANT_A}/v2.0`,
      jwksUri: `https://login.microsoftonline.com/${TENANT_A}/discovery/v2.0/keys`,
      audience: `api://${CLIENT}`,
      acceptedAudiences: [`api://${CLIENT}`, CLIENT],
      scope: `api://${CLIENT}/access_as_user`,
      // No connector client named: no call is taken for a Power Automate connection's.
      connectorClientIds: [],
    });
    expect(getPublicAuthConfig()).toEqual({
      mode: "entra",
      clientId: CLIENT,
      authority: `https://login.microsoftonline.com/${TENANT_A}`,
      knownAuthorities: ["login.microsoftonline.com"],
      scope: `api://${CLIENT}/access_as_user`,
      protocolMode: "AAD",
    });
    setEnv({ ENTRA_TENANT_ID: TENANT_A, ENTRA_CLIENT_ID: CLIENT, ENTRA_API_AUDIENCE: "api://insights", ENTRA_API_SCOPE: "api://insights/read" });
    expect(getAuthConfig()).toMatchObject({ audience: "api://insights", scope: "api://insights/read" });
    setEnv({ ENTRA_TENANT_ID: TENANT_A, ENTRA_CLIENT_ID: CLIENT, ENTRA_CONNECTOR_CLIENT_ID: "connector-app" });
    expect(getAuthConfig().connectorClientIds).toEqual(["connector-app"]);
    setEnv({ ENTRA_TENANT_ID: TENANT_A });
    expect(getAuthConfig().mode).toBe("embedded");
  });
});

describe("verifyAccessToken", () => {
  it("returns the claims the API needs", async () => {
    setEnv({});
    const token = await mintAccessToken(TEST_IDENTITIES.fabrikamAdmin);
    expect(await verifyAccessToken(token)).toEqual({
      sub: "user-fabrikam-admin",
      tid: "fabrikam",
      roles: ["Admin"],
      name: "Farah Admin",
      preferredUsername: "user-fabrikam-admin@fabrikam.example",
      clientId: "audience-insights-spa",
    });
  });

  it("reads the client a token was issued to from client_id, else Entra's azp (v2) or appid (v1)", async () => {
    setEnv({});
    const clientOf = async (claims: Record<string, string | undefined>) =>
      (await verifyAccessToken(await mintAccessToken(TEST_IDENTITIES.contosoViewer, { claims: { client_id: undefined, ...claims } }))).clientId;
    expect(await clientOf({ azp: "v2-client" })).toBe("v2-client");
    expect(await clientOf({ appid: "v1-client" })).toBe("v1-client");
    expect(await clientOf({})).toBeUndefined();
  });

  it.each([
    ["a tenant id that cannot be a key", { claims: { tid: "../../etc" } }],
    ["an empty subject", { claims: { sub: "" } }],
    ["no expiry", { claims: { exp: undefined } }],
  ])("refuses %s", async (_, options) => {
    setEnv({});
    const token = await mintAccessToken(TEST_IDENTITIES.contosoViewer, options);
    expect(await codeOf(verifyAccessToken(token))).toMatch(/^unauthorized/);
  });

  it("accepts Entra v2 tokens (audience = client id, typ JWT) from the configured directory only", async () => {
    setEnv({ ENTRA_TENANT_ID: TENANT_A, ENTRA_CLIENT_ID: CLIENT });
    const ok = await mintAccessToken(entraUser(TENANT_A), { audience: CLIENT });
    expect(await verifyAccessToken(ok)).toMatchObject({ tid: TENANT_A, roles: ["Contributor"] });
    const viaUri = await mintAccessToken(entraUser(TENANT_A));
    expect(await codeOf(verifyAccessToken(viaUri))).toBe("verified");
    const otherDirectory = await mintAccessToken(entraUser(TENANT_B), { issuer: `https://login.microsoftonline.com/${TENANT_B}/v2.0` });
    expect(await codeOf(verifyAccessToken(otherDirectory))).toMatch(/^unauthorized.*unknown sign-in service/);
    const v1Issuer = await mintAccessToken(entraUser(TENANT_A), { issuer: `https://sts.windows.net/${TENANT_A}/` });
    expect(await codeOf(verifyAccessToken(v1Issuer))).toMatch(/^unauthorized/);
  });

  it("multi-tenant Entra: the issuer must be the token's own directory", async () => {
    setEnv({ ENTRA_TENANT_ID: "organizations", ENTRA_CLIENT_ID: CLIENT });
    expect(await codeOf(verifyAccessToken(await mintAccessToken(entraUser(TENANT_B))))).toBe("verified");
    const mismatched = await mintAccessToken(entraUser(TENANT_B), { issuer: `https://login.microsoftonline.com/${TENANT_A}/v2.0` });
    expect(await codeOf(verifyAccessToken(mismatched))).toMatch(/^unauthorized/);
  });

  it("re-checks the expiry of a token it has verified before", async () => {
    setEnv({});
    const token = await mintAccessToken(TEST_IDENTITIES.contosoViewer, { expiresIn: -50 });
    expect(await codeOf(verifyAccessToken(token))).toBe("verified");
    expect(await codeOf(verifyAccessToken(token))).toBe("verified");
    vi.useFakeTimers({ now: Date.now() + 15_000, toFake: ["Date"] });
    try {
      expect(await codeOf(verifyAccessToken(token))).toMatch(/^unauthorized: The access token has expired/);
    } finally {
      vi.useRealTimers();
    }
  });
});
