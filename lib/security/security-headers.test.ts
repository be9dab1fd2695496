import { describe, expect, it } from "vitest";
import { resetSettingsCache } from "../settings/settings";
import { contentSecurityPolicy, identityProviderOrigin, isHttpsRequest, newNonce, perRequestSecurityHeaders } from "./security-headers";

const input = { nonce: "abc123==", identityOrigin: "https://localhost:3443", pathname: "/instances/x", https: false, development: false };

const directives = (policy: string) =>
  Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));

describe("security headers", () => {
  it("allow the app's own scripts and this response's nonce, never eval or inline scripts", () => {
    const csp = directives(contentSecurityPolicy(input));
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123=='");
    expect(csp["default-src"]).toBe("'self'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'self'");
    // A nonce in style-src would switch 'unsafe-inline' off and break Griffel's runtime styles.
    expect(csp["style-src"]).toBe("'self' 'unsafe-inline'");
    expect(directives(contentSecurityPolicy({ ...input, development: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("let MSAL reach the identity provider and renew in its iframe, and no one frame the app", () => {
    const csp = directives(contentSecurityPolicy(input));
    expect(csp["connect-src"]).toBe("'self' https://localhost:3443");
    expect(csp["frame-src"]).toBe("'self' https://localhost:3443");
    expect(csp["form-action"]).toBe("'self' https://localhost:3443");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(perRequestSecurityHeaders(input)["x-frame-options"]).toBe("DENY");
  });

  it("let the app alone frame MSAL's redirect bridge", () => {
    const bridge = { ...input, pathname: "/redirect.html" };
    expect(directives(contentSecurityPolicy(bridge))["frame-ancestors"]).toBe("'self'");
    expect(perRequestSecurityHeaders(bridge)["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("send HSTS only over https", () => {
    expect(perRequestSecurityHeaders(input)).not.toHaveProperty("strict-transport-security");
    expect(perRequestSecurityHeaders({ ...input, https: true })["strict-transport-security"]).toBe("max-age=31536000");
    expect(isHttpsRequest("http:", "https")).toBe(true);
    expect(isHttpsRequest("http:", "HTTPS, http")).toBe(true);
    expect(isHttpsRequest("https:", null)).toBe(true);
    expect(isHttpsRequest("http:", "http")).toBe(false);
    expect(isHttpsRequest("http:", null)).toBe(false);
  });

  it("name the embedded provider or Microsoft Entra ID as the identity origin", () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { IDP_PORT: "3443" });
      delete process.env.ENTRA_TENANT_ID;
      delete process.env.ENTRA_CLIENT_ID;
      resetSettingsCache();
      expect(identityProviderOrigin()).toBe("https://localhost:3443");
      Object.assign(process.env, { ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c" });
      resetSettingsCache();
      expect(identityProviderOrigin()).toBe("https://login.microsoftonline.com");
    } finally {
      process.env = saved;
      resetSettingsCache();
    }
  });

  it("make a fresh 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
