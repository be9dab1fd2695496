import { describe, expect, it } from "vitest";
import { readTokenClaims } from "./token-claims";
import type { AuthenticationResult } from "@azure/msal-browser";
import { buildMsalConfiguration, sessionFromResult } from "./msal-instance";

const embedded = {
  mode: "embedded" as const,
  clientId: "audience-insights-spa",
  authority: "https://localhost:3443",
  knownAuthorities: ["localhost:3443"],
  scope: "api://audience-insights/access_as_user",
  protocolMode: "OIDC" as const,
};

describe("buildMsalConfiguration", () => {
  it("puts protocolMode under system (MSAL 5 ignores it under auth) and lists the authority as known", () => {
    const config = buildMsalConfiguration(embedded, "http://localhost:3000");
    expect(config.system?.protocolMode).toBe("OIDC");
    expect(config.auth).not.toHaveProperty("protocolMode");
    expect(config.auth.knownAuthorities).toEqual(["localhost:3443"]);
    expect(config.auth.redirectUri).toBe("http://localhost:3000/");
    expect(config.auth.postLogoutRedirectUri).toBe("http://localhost:3000/");
    expect(config.cache?.cacheLocation).toBe("sessionStorage");
  });

  it("asks the embedded provider no offline_access (refreshes would fail), and leaves Entra's defaults alone", () => {
    expect(buildMsalConfiguration(embedded, "http://localhost:3000").auth.OIDCOptions?.defaultScopes).toEqual(["openid", "profile"]);
    const entra = buildMsalConfiguration(
      { ...embedded, mode: "entra", protocolMode: "AAD", authority: "https://login.microsoftonline.com/t", knownAuthorities: ["login.microsoftonline.com"] },
      "https://app.example",
    );
    expect(entra.system?.protocolMode).toBe("AAD");
    expect(entra.auth.OIDCOptions).toBeUndefined();
  });
});

describe("readTokenClaims", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("reads a JWT's payload, including non-ASCII names", () => {
    const token = `${encode({ alg: "RS256" })}.${encode({ roles: ["Viewer"], tid: "contoso", name: "Núria Ferré" })}.sig`;
    expect(readTokenClaims(token)).toEqual({ roles: ["Viewer"], tid: "contoso", name: "Núria Ferré" });
  });

  it("is null for anything that is not a JWT", () => {
    expect(readTokenClaims("opaque")).toBeNull();
    expect(readTokenClaims("a.!!!.c")).toBeNull();
  });
});

describe("sessionFromResult", () => {
  const jwt = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2ln`;
  const account = { homeAccountId: "u1.contoso", environment: "localhost", tenantId: "", username: "viewer@contoso.example", localAccountId: "u1", name: "Val Viewer" };
  const result = (overrides: Partial<AuthenticationResult>) =>
    ({
      scopes: ["api://audience-insights/access_as_user"],
      account,
      idTokenClaims: { name: "Val Viewer", tid: "contoso" },
      accessToken: jwt({ roles: ["Viewer"], tid: "contoso" }),
      expiresOn: new Date(1_900_000_000_000),
      ...overrides,
    }) as AuthenticationResult;

  it("copies who the user is and the API token, with the role from the access token when the ID token has none", () => {
    expect(sessionFromResult(result({}), embedded)).toEqual({
      homeAccountId: "u1.contoso",
      name: "Val Viewer",
      username: "viewer@contoso.example",
      tenantId: "contoso",
      role: "Viewer",
      accessToken: result({}).accessToken,
      expiresOn: 1_900_000_000_000,
    });
  });

  it("prefers the ID token's roles, and ignores tokens for other scopes", () => {
    expect(sessionFromResult(result({ idTokenClaims: { roles: ["Admin"] } }), embedded)?.role).toBe("Admin");
    expect(sessionFromResult(result({ scopes: ["openid", "profile"] }), embedded)).toBeNull();
  });
});
