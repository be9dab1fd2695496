import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as instancesRoute from "@/app/api/v1/instances/route";
import { defineRoute } from "../api/define-route";
import { callRoute } from "../api/testing/call-route";
import { TEST_IDENTITIES, type TestIdentity, bearerHeader } from "../auth/testing/test-tokens";
import { getDb } from "../db/client";
import { CONNECTOR_CLIENT_ID } from "../identity-provider/clients";
import { seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { setRateLimitClockForTesting } from "./enforce-connection-rate-limit";

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

// Each test moves to its own minute, so windows of earlier tests never count.
let now = new Date("2026-11-28T10:00:00.000Z");
const useMinute = (minute: number, second = 0) => {
  now = new Date(Date.UTC(2026, 10, 28, 10, minute, second));
  setRateLimitClockForTesting(() => now);
};
afterEach(() => setRateLimitClockForTesting(undefined));

const ping = defineRoute({ role: "Viewer" }, async ({ principal }) => ({ userId: principal.userId }));
const open = defineRoute({ role: "Public" }, async () => ({ ok: true }));

/** A token as Power Automate's connection holds it: issued to the connector's client, for a user. */
const throughConnector = async (identity: TestIdentity) =>
  (await bearerHeader(identity, { claims: { client_id: CONNECTOR_CLIENT_ID } })).authorization;

const calls = async (n: number, headers: Record<string, string>, handler = ping) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await callRoute(handler, { headers })).status);
  return statuses;
};

describe("a Power Automate connection's rate limit, through defineRoute", () => {
  it("lets 100 calls through and answers the 101st with 429, Retry-After and the limit", async () => {
    useMinute(1, 15);
    const authorization = await throughConnector(TEST_IDENTITIES.contosoContributor);
    expect(new Set(await calls(100, { authorization }))).toEqual(new Set([200]));

    const refused = await callRoute(ping, { headers: { authorization } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("45");
    expect(refused.json).toEqual({
      error: {
        code: "rate_limited",
        message: "This connection has made more than 100 calls in 60 seconds. Try again in 45 seconds.",
        details: { limit: 100, windowSeconds: 60, retryAfterSeconds: 45 },
      },
    });

    // Any Retry-After is within (0, 60]: late in the window, one second.
    now = new Date(Date.UTC(2026, 10, 28, 10, 1, 59, 500));
    const late = await callRoute(ping, { headers: { authorization } });
    expect(late.status).toBe(429);
    expect(late.headers.get("retry-after")).toBe("1");
  });

  it("counts before the body is read or the role checked: a refused call is refused whatever it sends", async () => {
    useMinute(2);
    const authorization = await throughConnector(TEST_IDENTITIES.contosoViewer);
    const adminOnly = defineRoute({ role: "Admin" }, async () => ({ ok: true }));
    expect(new Set(await calls(100, { authorization }, adminOnly))).toEqual(new Set([403]));
    expect((await callRoute(adminOnly, { headers: { authorization } })).status).toBe(429);
    const takesBody = defineRoute({ role: "Viewer", body: z.object({ name: z.string() }) }, async () => ({ ok: true }));
    const malformed = await callRoute(takesBody, { method: "POST", rawBody: "{", headers: { authorization, "content-type": "application/json" } });
    expect(malformed.status).toBe(429);
  });

  it("starts afresh when the next window begins", async () => {
    useMinute(3, 30);
    const authorization = await throughConnector(TEST_IDENTITIES.contosoContributor);
    await calls(101, { authorization });
    useMinute(4);
    expect((await callRoute(ping, { headers: { authorization } })).status).toBe(200);
  });

  it("counts each connection on its own: another user, and the connector's own client-credentials token", async () => {
    useMinute(5);
    await calls(101, { authorization: await throughConnector(TEST_IDENTITIES.contosoContributor) });
    const viewer = await throughConnector(TEST_IDENTITIES.contosoViewer);
    expect(new Set(await calls(100, { authorization: viewer }))).toEqual(new Set([200]));
    const machine = await throughConnector({ sub: CONNECTOR_CLIENT_ID, tid: "contoso", roles: ["Contributor"] });
    expect((await callRoute(ping, { headers: { authorization: machine } })).status).toBe(200);
  });

  it("never limits the app's own SPA, nor public operations", async () => {
    useMinute(6);
    // callRoute's default token is the SPA's (client_id audience-insights-spa).
    const spa = (await bearerHeader(TEST_IDENTITIES.contosoContributor)).authorization;
    expect(new Set(await calls(150, { authorization: spa }))).toEqual(new Set([200]));
    expect(new Set(await calls(150, {}, open))).toEqual(new Set([200]));
  });

  it("limits the API's real operations the same way", async () => {
    useMinute(7);
    const authorization = await throughConnector(TEST_IDENTITIES.contosoContributor);
    const list = () => callRoute(instancesRoute.GET, { path: "/api/v1/instances", headers: { authorization } });
    for (let i = 0; i < 100; i++) expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.json.error.code).toBe("rate_limited");
  });
});
