import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { API_AUDIENCE, API_SCOPE, CONNECTOR_CLIENT_ID, POWER_PLATFORM_REDIRECT_URI, SPA_CLIENT_ID } from "./clients";
import { type RunningIdentityProvider, startIdentityProvider } from "./start-identity-provider";
import { createOidcTestClient } from "./testing/oidc-test-client";

const database = useTestDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ai-idp-"));
const appUrl = "http://localhost:3999";
const connectorSecret = "connector-secret-for-tests-0123456789";
const standInRedirect = "http://127.0.0.1:3998/callback";
let idp: RunningIdentityProvider;
let client: ReturnType<typeof createOidcTestClient>;

const start = (port = 0) =>
  startIdentityProvider({
    dataDir,
    port,
    appUrl,
    accessTokenTtlSeconds: 3600,
    connectorClientSecret: connectorSecret,
    connectorRedirectUris: [standInRedirect],
  });

beforeAll(async () => {
  await seedDemoIdentity(database.current().db);
  idp = await start();
  client = createOidcTestClient({ issuer: idp.issuer, caPem: idp.certificates.caPem, appUrl });
});

afterAll(async () => {
  await idp?.close();
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const clientCredentials = (form: Record<string, string>, secret = connectorSecret) =>
  client.postForm(`${idp.issuer}/token`, { grant_type: "client_credentials", ...form }, { authorization: basic(CONNECTOR_CLIENT_ID, secret) });

describe("embedded identity provider", () => {
  it("publishes discovery with the exact issuer and a public-only JWKS", async () => {
    const discovery = await client.request(`${idp.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const doc = JSON.parse(discovery.text);
    expect(idp.issuer).toMatch(/^https:\/\/localhost:\d+$/);
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.jwks_uri).toBe(`${idp.issuer}/jwks`);
    expect(doc.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);

    const jwks = JSON.parse((await client.request(doc.jwks_uri)).text);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0].kid).toBeTruthy();
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("issues a client_credentials JWT for the connector with tenant and role", async () => {
    const response = await clientCredentials({ resource: API_AUDIENCE, scope: API_SCOPE });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: API_SCOPE });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "RS256", typ: "at+jwt" });
    const claims = await client.verifyAccessToken(body.access_token);
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: API_AUDIENCE,
      sub: CONNECTOR_CLIENT_ID,
      client_id: CONNECTOR_CLIENT_ID,
      tid: "contoso",
      roles: ["Contributor"],
      scope: API_SCOPE,
    });

    // The resource alone is enough (Power Automate sends it without a scope).
    const resourceOnly = await clientCredentials({ resource: API_AUDIENCE });
    expect(resourceOnly.status).toBe(200);
    expect(await client.verifyAccessToken(JSON.parse(resourceOnly.text).access_token)).toMatchObject({ aud: API_AUDIENCE });
  });

  it("refuses a wrong connector secret and an unknown resource", async () => {
    const wrong = await clientCredentials({ resource: API_AUDIENCE }, "not-the-secret");
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).error).toBe("invalid_client");

    const unknown = await clientCredentials({ resource: "api://unknown" });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).error).toBe("invalid_target");
  });

  it("renders its own sign-in page and rejects a wrong password without saying which part was wrong", async () => {
    const { first } = await client.authorize();
    expect(first.status).toBe(303);
    const page = client.interactionPath(first);
    const form = await client.request(`${idp.issuer}${page}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(form.text).toContain("Audience Insights");
    expect(form.text).toContain('<label for="email">Email</label>');
    expect(form.text).toContain('<label for="password">Password</label>');
    expect(form.text).toContain(">Sign in</button>");
    expect(form.text).toContain("admin@contoso.example");
    expect(form.text).not.toMatch(/googleapis|https?:\/\/(?!localhost)/);

    const wrongPassword = await client.postForm(`${idp.issuer}${page}/login`, { email: "viewer@contoso.example", password: "nope" });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.text).toContain("The email or password is incorrect.");
    expect(wrongPassword.text).toContain('value="viewer@contoso.example"');

    const unknownEmail = await client.postForm(`${idp.issuer}${page}/login`, { email: "nobody@contoso.example", password: "demo-password" });
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.text).toContain("The email or password is incorrect.");

    const empty = await client.postForm(`${idp.issuer}${page}/login`, { email: "", password: "" });
    expect(empty.status).toBe(400);

    // Five failures for one email lock it for a while, even with the right password.
    for (let i = 0; i < 4; i++) {
      await client.postForm(`${idp.issuer}${page}/login`, { email: "contributor@contoso.example", password: "guess" });
    }
    const fifth = await client.postForm(`${idp.issuer}${page}/login`, { email: "contributor@contoso.example", password: "guess" });
    expect(fifth.status).toBe(401);
    const locked = await client.postForm(`${idp.issuer}${page}/login`, { email: "contributor@contoso.example", password: "demo-password" });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many failed sign-in attempts.");
  });

  it("refuses a sign-in post that lacks the browser's interaction cookie (cross-site)", async () => {
    const { first } = await client.authorize();
    const page = client.interactionPath(first);
    const stranger = createOidcTestClient({ issuer: idp.issuer, caPem: idp.certificates.caPem, appUrl });
    try {
      const forged = await stranger.postForm(`${idp.issuer}${page}/login`, { email: "admin@contoso.example", password: "demo-password" });
      expect(forged.status).toBe(400);
      expect(forged.text).toContain("Sign-in expired");
    } finally {
      await stranger.close();
    }
  });

  it("cancelling the sign-in returns access_denied to the app", async () => {
    const { first, state } = await client.authorize();
    const aborted = await client.postForm(`${idp.issuer}${client.interactionPath(first)}/abort`, {});
    const back = await client.follow(aborted);
    const callback = new URL(back.location!);
    expect(callback.origin + callback.pathname).toBe(`${appUrl}/`);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
  });

  it("signs the viewer in with code + PKCE; tokens carry tenant and role; state survives a restart", async () => {
    const { token, tokens } = await client.signIn("viewer@contoso.example", "demo-password");
    expect(token.status).toBe(200);
    expect(token.headers.get("access-control-allow-origin")).toBe(appUrl);
    expect(tokens.scope).toBe(API_SCOPE);
    expect(tokens.refresh_token).toBeTruthy();
    const claims = await client.verifyAccessToken(String(tokens.access_token));
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: API_AUDIENCE,
      sub: "user-contoso-viewer",
      client_id: SPA_CLIENT_ID,
      tid: "contoso",
      roles: ["Viewer"],
      name: "Val Viewer",
      preferred_username: "viewer@contoso.example",
      scope: API_SCOPE,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    const idToken = JSON.parse(Buffer.from(String(tokens.id_token).split(".")[1]!, "base64url").toString());
    expect(idToken).toMatchObject({ sub: "user-contoso-viewer", tid: "contoso", roles: ["Viewer"], preferred_username: "viewer@contoso.example" });
    // The provider's state lives in the app database.
    expect(await getDb().oidcPayload.count({ where: { kind: "Session" } })).toBeGreaterThan(0);

    // Restart on the same port (same issuer): keys, cookie keys and the adapter's rows persist.
    const port = idp.port;
    await idp.close();
    idp = await start(port);
    expect(idp.issuer).toBe(`https://localhost:${port}`);

    const restartedClient = createOidcTestClient({ issuer: idp.issuer, caPem: idp.certificates.caPem, appUrl });
    try {
      // An access token issued before the restart still verifies against the new JWKS.
      expect(await restartedClient.verifyAccessToken(String(tokens.access_token))).toMatchObject({ sub: "user-contoso-viewer" });
    } finally {
      await restartedClient.close();
    }

    const refreshed = await client.postForm(
      `${idp.issuer}/token`,
      { grant_type: "refresh_token", client_id: SPA_CLIENT_ID, refresh_token: String(tokens.refresh_token), scope: `${API_SCOPE} openid profile` },
      { origin: appUrl },
    );
    expect(refreshed.status).toBe(200);
    const renewed = JSON.parse(refreshed.text);
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect(await client.verifyAccessToken(renewed.access_token)).toMatchObject({ tid: "contoso", roles: ["Viewer"] });

    // The browser session survived too: a new authorization goes straight back to the app.
    const { first } = await client.authorize();
    const back = await client.follow(first);
    expect(back.location).toMatch(new RegExp(`^${appUrl}/\\?code=`));
  });

  it("signs a Power Automate connection in as the browser's user: a code for the connector, redeemed with its secret", async () => {
    // The viewer signed in to the app in this browser (previous test): the connection's sign-in needs no password.
    const { first, verifier } = await client.authorize({ client_id: CONNECTOR_CLIENT_ID, redirect_uri: standInRedirect, scope: `${API_SCOPE} openid offline_access` });
    const back = await client.follow(first);
    expect(back.location).toMatch(/^http:\/\/127\.0\.0\.1:3998\/callback\?code=/);
    const code = new URL(back.location!).searchParams.get("code")!;
    const redeem = (secret: string) =>
      client.postForm(
        `${idp.issuer}/token`,
        { grant_type: "authorization_code", code, redirect_uri: standInRedirect, code_verifier: verifier },
        { authorization: basic(CONNECTOR_CLIENT_ID, secret) },
      );
    expect((await redeem("not-the-secret")).status).toBe(401);
    const token = await redeem(connectorSecret);
    expect(token.status).toBe(200);
    const tokens = JSON.parse(token.text);
    expect(tokens.refresh_token).toBeTruthy();
    expect(await client.verifyAccessToken(tokens.access_token)).toMatchObject({
      sub: "user-contoso-viewer",
      client_id: CONNECTOR_CLIENT_ID,
      tid: "contoso",
      roles: ["Viewer"],
      scope: API_SCOPE,
    });

    // Only Power Platform's redirect and the configured ones are accepted.
    const elsewhere = await client.authorize({ client_id: CONNECTOR_CLIENT_ID, redirect_uri: "https://attacker.example/callback" });
    expect(elsewhere.first.status).toBe(400);
    const powerPlatform = await client.authorize({
      client_id: CONNECTOR_CLIENT_ID,
      redirect_uri: POWER_PLATFORM_REDIRECT_URI,
      scope: `${API_SCOPE} openid offline_access`,
    });
    expect((await client.follow(powerPlatform.first)).location).toMatch(/^https:\/\/global\.consent\.azure-apim\.net\/redirect\?code=/);
  });

  it("signs out with the app's id_token_hint on its own page and returns to the app", async () => {
    // Another browser, so that the viewer's session from the previous test plays no part.
    const browser = createOidcTestClient({ issuer: idp.issuer, caPem: idp.certificates.caPem, appUrl });
    try {
      const { tokens } = await browser.signIn("admin@fabrikam.example", "demo-password");
      expect(await browser.verifyAccessToken(String(tokens.access_token))).toMatchObject({ tid: "fabrikam", roles: ["Admin"] });
      const params = new URLSearchParams({ id_token_hint: String(tokens.id_token), post_logout_redirect_uri: `${appUrl}/` });
      const page = await browser.request(`${idp.issuer}/session/end?${params}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Do you want to sign out of Audience Insights?");
      expect(page.text).toContain('document.getElementById("sign-out").click()');
      expect(page.headers.get("content-security-policy")).toMatch(/script-src 'sha256-[^']+'/);
      expect(page.text).not.toContain("googleapis");
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)![1]!;
      const confirmed = await browser.postForm(`${idp.issuer}/session/end/confirm`, { xsrf, logout: "yes" });
      expect(confirmed.location).toBe(`${appUrl}/`);

      // Signed out: the next authorization asks for credentials again.
      const { first } = await browser.authorize();
      expect(browser.interactionPath(first)).toMatch(/^\/interaction\//);
    } finally {
      await browser.close();
    }
  });

  it("shows its own error page for a bad request", async () => {
    const bad = await client.request(`${idp.issuer}/auth?client_id=unknown-client&response_type=code&scope=openid`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Audience Insights");
    expect(bad.text).toContain("invalid_client");
    expect(bad.text).not.toContain("googleapis");
  });
});
