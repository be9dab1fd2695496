import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as deliveries from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/deliveries/route";
import * as testFire from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/test-fire/route";
import * as draftTestFire from "@/app/api/v1/instances/[instanceId]/trigger-registrations/test-fire/route";
import * as preview from "@/app/api/v1/instances/[instanceId]/trigger-registrations/preview/route";
import * as replay from "@/app/api/v1/instances/[instanceId]/deliveries/[deliveryId]/replay/route";
import { callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { closeDeliveryAgent } from "../delivery/send-webhook";
import { startWebhookReceiver } from "../delivery/testing/webhook-receiver";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { checkTeamsMessage } from "../teams/testing/check-adaptive-card";
import { useTestDatabase } from "../testing/test-database";

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
// The local receiver is on loopback: allow-listed, as in local development.
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
useTestDatabase();

const instanceParams = { instanceId: DEMO_INSTANCE_ID };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let dataSourceId = "";

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
  dataSourceId = (
    await getDb().dataSource.create({
      data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "Web orders", kind: "upload", requiredColumns: [] },
    })
  ).id;
  receiver = await startWebhookReceiver((request) =>
    request.path.startsWith("/fail") ? { status: 500, body: "flow exploded" } : { status: 202, body: "accepted" },
  );
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver?.close();
});

const lastReceived = () => {
  const request = receiver.received.at(-1);
  if (!request) throw new Error("The receiver got nothing.");
  return request;
};

describe("test-fire", () => {
  it("test-fires a draft, then saves it with the same secret, and test-fires the saved registration", async () => {
    const draft = {
      type: "datasource.refresh.failed",
      parameters: { dataSourceId },
      callbackUrl: receiver.url("/flow"),
    };
    const drafted = await callRoute(draftTestFire.POST, { method: "POST", params: instanceParams, body: draft });
    expect(drafted.status).toBe(200);
    expect(drafted.json.attempt).toMatchObject({ number: 1, reason: "test", outcome: "succeeded", statusCode: 202 });
    const secret: string = drafted.json.signingSecret;
    expect(secret).toMatch(/^whsec_/);

    const sent = lastReceived();
    const event = new Webhook(secret).verify(sent.body, sent.headers) as Record<string, any>;
    expect(event).toMatchObject({ type: "datasource.refresh.failed", instanceId: DEMO_INSTANCE_ID, test: true });
    expect(event.data.dataSource).toMatchObject({ id: dataSourceId, name: "Web orders" });
    // Nothing is stored for a draft.
    expect(await getDb().event.count()).toBe(0);
    expect(await getDb().triggerRegistration.count()).toBe(0);

    // A secret the caller already has is kept.
    const again = await callRoute(draftTestFire.POST, { method: "POST", params: instanceParams, body: { ...draft, signingSecret: secret } });
    expect(again.json.signingSecret).toBe(secret);

    const created = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { ...draft, displayName: "Web orders failed", signingSecret: secret },
    });
    expect(created.status).toBe(201);
    const registrationId = created.json.registration.id;

    const fired = await callRoute(testFire.POST, { method: "POST", params: { ...instanceParams, registrationId } });
    expect(fired.status).toBe(200);
    expect(fired.json.delivery).toMatchObject({ test: true, status: "succeeded", attemptCount: 1, eventType: "datasource.refresh.failed" });
    expect(fired.json.delivery.attempts).toHaveLength(1);
    const firedRequest = lastReceived();
    expect(() => new Webhook(secret).verify(firedRequest.body, firedRequest.headers)).not.toThrow();
    expect(firedRequest.headers["webhook-id"]).toBe(fired.json.delivery.id);

    const listed = await callRoute(deliveries.GET, { params: { ...instanceParams, registrationId } });
    expect(listed.status).toBe(200);
    expect(listed.json.deliveries.map((d: { id: string }) => d.id)).toEqual([fired.json.delivery.id]);
    expect(listed.text).not.toContain("whsec_");
  });

  it("previews the message a draft would send: an Adaptive Card for Teams, the event for a webhook; nothing is sent or stored", async () => {
    const received = receiver.received.length;
    const events = await getDb().event.count();
    const draft = { type: "datasource.refresh.succeeded", parameters: { dataSourceId } };
    const teams = await callRoute(preview.POST, { method: "POST", params: instanceParams, body: { ...draft, destinationType: "teams" } });
    expect(teams.status).toBe(200);
    expect(checkTeamsMessage(teams.json.body).flatMap((check) => check.issues)).toEqual([]);
    expect(JSON.stringify(teams.json.body)).toContain("Web orders");
    const webhook = await callRoute(preview.POST, { method: "POST", params: instanceParams, body: { ...draft, destinationType: "webhook" } });
    expect(webhook.json.body).toMatchObject({ type: "datasource.refresh.succeeded", test: true, data: { dataSource: { name: "Web orders" } } });
    expect(receiver.received).toHaveLength(received);
    expect(await getDb().event.count()).toBe(events);

    const refused = await callRoute(preview.POST, { method: "POST", params: instanceParams, body: { ...draft, destinationType: "fax" } });
    expect(refused.status).toBe(422);
    const viewer = await callRoute(preview.POST, { method: "POST", params: instanceParams, body: { ...draft, destinationType: "teams" }, as: "Viewer" });
    expect(viewer.status).toBe(403);
  });

  it("reports a failing endpoint as a failed attempt, not an API error", async () => {
    const drafted = await callRoute(draftTestFire.POST, {
      method: "POST",
      params: instanceParams,
      body: { type: "datasource.refresh.succeeded", parameters: { dataSourceId: null }, callbackUrl: receiver.url("/fail") },
    });
    expect(drafted.status).toBe(200);
    expect(drafted.json.attempt).toMatchObject({
      outcome: "failed",
      statusCode: 500,
      responseBody: "flow exploded",
      error: "The endpoint answered HTTP 500.",
      errorCode: "http_status",
      errorDetails: { status: 500 },
    });
  });

  it("refuses refused URLs and foreign data sources before sending anything", async () => {
    const before = receiver.count();
    // localhost is allow-listed in this file (the receiver is on loopback); the registrations test covers it.
    for (const callbackUrl of ["https://169.254.169.254/latest", "http://10.0.0.1/x", "https://10.0.0.1/x"]) {
      const response = await callRoute(draftTestFire.POST, {
        method: "POST",
        params: instanceParams,
        body: { type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl },
      });
      expect(response.status, callbackUrl).toBe(422);
      expect(response.json.error.code, callbackUrl).toBe("callback_url_refused");
    }
    const unknownSource = await callRoute(draftTestFire.POST, {
      method: "POST",
      params: instanceParams,
      body: { type: "datasource.refresh.failed", parameters: { dataSourceId: "ds_nope" }, callbackUrl: receiver.url() },
    });
    expect(unknownSource.status).toBe(422);
    expect(unknownSource.json.error.details).toMatchObject({ reason: "data_source_not_in_instance" });
    expect(receiver.count()).toBe(before);
  });

  it("limits the delivery list and 404s for unknown registrations", async () => {
    const created = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { displayName: "Many", type: "datasource.refresh.succeeded", parameters: { dataSourceId: null }, callbackUrl: receiver.url() },
    });
    const registrationId = created.json.registration.id;
    for (let i = 0; i < 3; i++) {
      expect((await callRoute(testFire.POST, { method: "POST", params: { ...instanceParams, registrationId } })).status).toBe(200);
    }
    const limited = await callRoute(deliveries.GET, {
      path: `/api/v1/instances/${DEMO_INSTANCE_ID}/trigger-registrations/${registrationId}/deliveries?limit=2`,
      params: { ...instanceParams, registrationId },
    });
    expect(limited.json.deliveries).toHaveLength(2);
    const all = await callRoute(deliveries.GET, { params: { ...instanceParams, registrationId } });
    expect(all.json.deliveries).toHaveLength(3);
    const tooMany = await callRoute(deliveries.GET, {
      path: `/x?limit=201`,
      params: { ...instanceParams, registrationId },
    });
    expect(tooMany.status).toBe(422);
    const unknown = await callRoute(deliveries.GET, { params: { ...instanceParams, registrationId: "trg_nope" } });
    expect(unknown.status).toBe(404);
    const unknownFire = await callRoute(testFire.POST, { method: "POST", params: { ...instanceParams, registrationId: "trg_nope" } });
    expect(unknownFire.status).toBe(404);
  });

  it("replays a delivery with the same webhook-id and body as a new logged attempt", async () => {
    const created = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { displayName: "Replayed", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: receiver.url("/replay") },
    });
    const registrationId = created.json.registration.id;
    const secret: string = created.json.signingSecret;
    const fired = await callRoute(testFire.POST, { method: "POST", params: { ...instanceParams, registrationId } });
    const deliveryId: string = fired.json.delivery.id;
    const original = lastReceived();

    const replayed = await callRoute(replay.POST, { method: "POST", params: { ...instanceParams, deliveryId } });
    expect(replayed.status).toBe(200);
    expect(replayed.json.delivery).toMatchObject({ id: deliveryId, status: "succeeded", attemptCount: 2 });
    expect(replayed.json.delivery.attempts.map((a: { reason: string }) => a.reason)).toEqual(["test", "replay"]);
    const resent = lastReceived();
    expect(resent).not.toBe(original);
    expect(resent.headers["webhook-id"]).toBe(original.headers["webhook-id"]);
    expect(resent.body).toBe(original.body);
    expect(() => new Webhook(secret).verify(resent.body, resent.headers)).not.toThrow();

    // Another tenant's instance cannot reach it, and unknown or malformed ids are 4xx.
    await getDb().tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
    await getDb().instance.create({ data: { id: "fabrikam-main", tenantId: "fabrikam", name: "Fabrikam" } });
    const count = receiver.count();
    for (const params of [
      { instanceId: "fabrikam-main", deliveryId },
      { ...instanceParams, deliveryId: "msg_nope" },
    ]) {
      const response = await callRoute(replay.POST, { method: "POST", params });
      expect(response.status).toBe(404);
    }
    expect((await callRoute(replay.POST, { method: "POST", params: { ...instanceParams, deliveryId: "../x" } })).status).toBe(422);
    expect(receiver.count()).toBe(count);
  });
  it("test-fires a threshold trigger with its own segment and threshold, draft and saved alike", async () => {
    const segment = await getDb().segment.create({ data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "VIP", rule: {} } });
    const draft = {
      type: "segment.threshold.crossed",
      parameters: { segmentId: segment.id, threshold: 500, direction: "below", hysteresis: { kind: "absolute", value: 20 } },
      callbackUrl: receiver.url("/flow"),
    };
    const check = (secret: string) => {
      const sent = lastReceived();
      const event = new Webhook(secret).verify(sent.body, sent.headers) as Record<string, any>;
      expect(event).toMatchObject({ type: "segment.threshold.crossed", test: true });
      expect(event.data).toMatchObject({
        segment: { id: segment.id, name: "VIP" },
        threshold: 500,
        direction: "below",
        crossed: "below",
        hysteresis: { kind: "absolute", value: 20, margin: 20 },
      });
      expect(event.data.previousValue).toBeGreaterThanOrEqual(500);
      expect(event.data.currentValue).toBeLessThan(500);
    };
    const drafted = await callRoute(draftTestFire.POST, { method: "POST", params: instanceParams, body: draft });
    expect(drafted.status).toBe(200);
    check(drafted.json.signingSecret);

    const created = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { ...draft, displayName: "VIP below 500", signingSecret: drafted.json.signingSecret },
    });
    expect(created.status).toBe(201);
    const fired = await callRoute(testFire.POST, { method: "POST", params: { instanceId: DEMO_INSTANCE_ID, registrationId: created.json.registration.id } });
    expect(fired.status).toBe(200);
    check(drafted.json.signingSecret);
  });
});
