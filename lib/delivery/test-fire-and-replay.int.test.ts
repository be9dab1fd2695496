import { Webhook } from "standardwebhooks";
import { checkTeamsMessage } from "../teams/testing/check-adaptive-card";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { deliverDue } from "./deliver-due";
import { getDelivery, listDeliveries } from "./deliveries";
import { replayDelivery } from "./replay-delivery";
import { closeDeliveryAgent } from "./send-webhook";
import { generateSigningSecret } from "../crypto/signing-secret";
import { sendDraftTestEvent, testFireRegistration } from "./test-fire-registration";
import { clearOutbox, createRegistration, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;

let answer: () => ReceiverAnswer = () => ({ status: 204 });
let receiver: WebhookReceiver;
const otherScope = { tenantId: "fabrikam", instanceId: "fabrikam-main" };

beforeAll(async () => {
  await seedIdentity(db());
  // The demo seed may already hold this tenant; the instance is this file's own.
  await db().tenant.upsert({ where: { id: otherScope.tenantId }, update: {}, create: { id: otherScope.tenantId, name: "Fabrikam" } });
  await db().instance.create({ data: { id: otherScope.instanceId, tenantId: otherScope.tenantId, name: "Fabrikam" } });
  await db().dataSource.create({
    data: { id: "ds-orders", ...scope, name: "Web orders", kind: "upload", requiredColumns: ["Email"] },
  });
  receiver = await startWebhookReceiver(() => answer());
});

afterEach(async () => {
  answer = () => ({ status: 204 });
  receiver.received.length = 0;
  await clearOutbox(db());
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

describe("testFireRegistration", () => {
  it("sends a signed, marked sample event shaped like real events and logs it", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url(), status: "paused" });
    const delivery = await testFireRegistration(scope, registration.id);

    expect(delivery).toMatchObject({ status: "succeeded", test: true, eventType: "datasource.refresh.failed", attemptCount: 1 });
    expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, reason: "test", outcome: "succeeded", statusCode: 204 })]);
    const request = receiver.received[0]!;
    const body = new Webhook(registration.secret).verify(request.body, request.headers) as Record<string, unknown>;
    expect(request.headers["webhook-id"]).toBe(delivery.id);
    expect(body).toEqual(delivery.payload);
    expect(body).toMatchObject({
      id: delivery.eventId,
      type: "datasource.refresh.failed",
      instanceId: scope.instanceId,
      test: true,
      data: {
        instance: { id: scope.instanceId, name: "Contoso Retail" },
        dataSource: { id: "ds-orders", name: "Web orders", kind: "upload" },
        run: { status: "failed", submissionKind: "onDemand", rowCount: null, durationMs: expect.any(Number) },
        error: { code: "missing_columns", message: expect.any(String) },
      },
    });
    // Never picked up by the worker, and the registration's health is untouched.
    expect(await deliverDue()).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: "paused",
      lastDeliveryAt: null,
    });
  });

  it("logs a failed test without retrying it", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url(), type: "datasource.refresh.succeeded" });
    answer = () => ({ status: 500, body: "flow error" });
    const delivery = await testFireRegistration(scope, registration.id);
    expect(delivery).toMatchObject({ status: "failed", lastStatusCode: 500, nextAttemptAt: null });
    expect(delivery.attempts[0]).toMatchObject({ outcome: "failed", responseBody: "flow error" });
    expect((delivery.payload as { data: { run: { status: string } } }).data.run.status).toBe("successful");
    expect(await deliverDue()).toBe(0);
  });

  it("answers 404 for another tenant's registration", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    await expect(testFireRegistration(otherScope, registration.id)).rejects.toMatchObject({ code: "not_found" });
    expect(receiver.received).toHaveLength(0);
  });
});

describe("sendDraftTestEvent", () => {
  it("sends a signed sample event and persists nothing", async () => {
    const signingSecret = generateSigningSecret();
    const attempt = await sendDraftTestEvent({
      ...scope,
      type: "datasource.refresh.succeeded",
      parameters: { dataSourceId: null },
      callbackUrl: receiver.url(),
      destinationType: "webhook",
      signingSecret,
    });
    expect(attempt).toMatchObject({ number: 1, reason: "test", outcome: "succeeded", statusCode: 204 });
    const request = receiver.received[0]!;
    expect(new Webhook(signingSecret).verify(request.body, request.headers)).toMatchObject({
      test: true,
      data: { instance: { name: "Contoso Retail" }, dataSource: { name: "Web orders" }, run: { rowCount: 1250 } },
    });
    expect(await db().event.count()).toBe(0);
    expect(await db().delivery.count()).toBe(0);
  });

  it("posts a Teams Workflows endpoint an Adaptive Card message, signed over the bytes it sent", async () => {
    const signingSecret = generateSigningSecret();
    const attempt = await sendDraftTestEvent({
      ...scope,
      type: "datasource.refresh.succeeded",
      parameters: { dataSourceId: null },
      callbackUrl: receiver.url(),
      destinationType: "teams",
      signingSecret,
    });
    expect(attempt).toMatchObject({ outcome: "succeeded", statusCode: 204 });
    const request = receiver.received.at(-1)!;
    const message = new Webhook(signingSecret).verify(request.body, request.headers);
    const checks = checkTeamsMessage(message);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.issues).toEqual([]);
    expect(JSON.stringify(message)).toContain("Web orders");
  });

  it("refuses a private callback URL before sending anything", async () => {
    process.env.DELIVERY_ALLOWED_HOSTS = "";
    resetSettingsCache();
    try {
      await expect(
        sendDraftTestEvent({
          ...scope,
          type: "datasource.refresh.failed",
          parameters: { dataSourceId: null },
          callbackUrl: receiver.url(),
          destinationType: "webhook",
          signingSecret: generateSigningSecret(),
        }),
      ).rejects.toMatchObject({ code: "callback_url_refused" });
    } finally {
      process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
      resetSettingsCache();
    }
    expect(receiver.received).toHaveLength(0);
  });
});

describe("replayDelivery", () => {
  it("re-sends the same payload with the same webhook-id and marks the delivery succeeded", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    answer = () => ({ status: 500 });
    await deliverDue();
    expect((await getDelivery(scope, deliveryId!)).status).toBe("pending");

    answer = () => ({ status: 200, body: "thanks" });
    const replayed = await replayDelivery(scope, deliveryId!);
    expect(replayed).toMatchObject({ status: "succeeded", attemptCount: 2, lastStatusCode: 200, nextAttemptAt: null });
    expect(replayed).toMatchObject({ lastError: null, lastErrorCode: null, lastErrorDetails: null });
    expect(replayed.attempts.map((a) => [a.number, a.reason, a.outcome])).toEqual([
      [1, "scheduled", "failed"],
      [2, "replay", "succeeded"],
    ]);
    const [first, second] = receiver.received;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers["webhook-id"]).toBe(deliveryId);
    expect(() => new Webhook(registration.secret).verify(second!.body, second!.headers)).not.toThrow();
    expect(await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: "active",
      consecutiveFailures: 0,
    });
  });

  it("keeps a scheduled retry when the replay fails", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    answer = () => ({ status: 500 });
    await deliverDue();
    const before = await getDelivery(scope, deliveryId!);
    const replayed = await replayDelivery(scope, deliveryId!);
    expect(replayed).toMatchObject({ status: "pending", attemptCount: 2, nextAttemptAt: before.nextAttemptAt });
    expect(replayed.attempts[1]).toMatchObject({ reason: "replay", outcome: "failed", statusCode: 500, errorCode: "http_status", errorDetails: { status: 500 } });
    expect(replayed).toMatchObject({ lastErrorCode: "http_status", lastErrorDetails: { status: 500 } });
  });

  it("refuses while a worker holds the delivery's lease", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await db().delivery.update({
      where: { id: deliveryId! },
      data: { status: "delivering", leaseToken: "lease_busy", leaseUntil: new Date(Date.now() + 60_000) },
    });
    await expect(replayDelivery(scope, deliveryId!)).rejects.toMatchObject({ code: "conflict", details: { reason: "delivery_in_flight" } });
    expect(receiver.received).toHaveLength(0);
    expect((await db().delivery.findUniqueOrThrow({ where: { id: deliveryId! } })).leaseToken).toBe("lease_busy");
  });

  it("answers 404 for another tenant's delivery", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await expect(replayDelivery(otherScope, deliveryId!)).rejects.toMatchObject({ code: "not_found" });
    await expect(getDelivery(otherScope, deliveryId!)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listDeliveries", () => {
  it("lists a registration's deliveries newest first with attempts in order, limited", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const other = await createRegistration(db(), { callbackUrl: receiver.url("/other") });
    const ids = await enqueueEvents(db(), 3);
    const mine = (await db().delivery.findMany({ where: { registrationId: registration.id }, orderBy: { createdAt: "asc" } })).map((d) => d.id);
    expect(ids).toHaveLength(6);
    // Distinct creation times, so "newest first" is observable.
    for (const [index, id] of mine.entries()) {
      await db().delivery.update({ where: { id }, data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)) } });
    }
    answer = () => ({ status: 500 });
    await deliverDue({ limit: 100 });
    answer = () => ({ status: 204 });
    await replayDelivery(scope, mine[2]!);

    const listed = await listDeliveries(scope, registration.id);
    expect(listed.map((d) => d.id)).toEqual([...mine].reverse());
    expect(listed[0]!.attempts.map((a) => a.number)).toEqual([1, 2]);
    expect(listed[0]).toMatchObject({ status: "succeeded", test: false, eventType: "datasource.refresh.failed" });
    expect(await listDeliveries(scope, registration.id, { limit: 2 })).toHaveLength(2);
    expect((await listDeliveries(scope, other.id)).every((d) => !mine.includes(d.id))).toBe(true);
    await expect(listDeliveries(otherScope, registration.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
