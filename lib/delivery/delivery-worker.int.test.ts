import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encryptSecret } from "../crypto/secret-box";
import { createDb } from "../db/client";
import { enqueueEvent } from "../events/enqueue-event";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { deliverDue } from "./deliver-due";
import { startDeliveryWorker } from "./delivery-worker";
import { closeDeliveryAgent } from "./send-webhook";
import { clearOutbox, createRegistration, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { standardWebhooksVector as vector } from "./testing/standard-webhooks-vector";
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver, waitFor } from "./testing/webhook-receiver";
import { writeTransaction } from "../db/write-transaction";

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;

let answer: (index: number) => ReceiverAnswer = () => ({ status: 204 });
let receiver: WebhookReceiver;

beforeAll(async () => {
  await seedIdentity(db());
  receiver = await startWebhookReceiver((_, index) => answer(index));
});

afterEach(async () => {
  answer = () => ({ status: 204 });
  receiver.received.length = 0;
  await clearOutbox(db());
  process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
  resetSettingsCache();
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

const deliveryOf = (id: string) =>
  db().delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { number: "asc" } } } });

const inFuture = (ms: number) => new Date(Date.now() + ms);

describe("outbox", () => {
  it("writes nothing when the transaction that enqueued the event fails", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    await expect(
      writeTransaction(db(), async (tx) => {
        const enqueued = await enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: {} });
        expect(enqueued?.deliveryIds).toHaveLength(1);
        throw new Error("the run result could not be written");
      }),
    ).rejects.toThrow("could not be written");
    expect(await db().event.count()).toBe(0);
    expect(await db().delivery.count()).toBe(0);
  });
});

describe("delivery worker", () => {
  it("delivers a signed event, logs the attempt, and marks the registration delivered", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const worker = startDeliveryWorker({ pollMs: 1000 });
    try {
      const [deliveryId] = await enqueueEvents(db(), 1);
      await waitFor(async () => (await deliveryOf(deliveryId!)).status === "succeeded", 10_000, "the delivery to succeed");
    } finally {
      await worker.stop();
    }
    const request = receiver.received[0]!;
    const event = await db().event.findFirstOrThrow();
    expect(request.body).toBe(event.payload);
    expect(new Webhook(registration.secret).verify(request.body, request.headers)).toMatchObject({ id: event.id, test: false });
    const delivery = await db().delivery.findFirstOrThrow({ include: { attempts: true } });
    expect(request.headers["webhook-id"]).toBe(delivery.id);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 204, leaseToken: null });
    expect(delivery.completedAt).not.toBeNull();
    expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, reason: "scheduled", outcome: "succeeded", statusCode: 204 })]);
    const saved = await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(saved.lastDeliveryAt).not.toBeNull();
  });

  it("never lets two workers on separate clients claim the same delivery", async () => {
    const registrations = await Promise.all([1, 2, 3].map(() => createRegistration(db(), { callbackUrl: receiver.url() })));
    const count = 300;
    const deliveryIds = await enqueueEvents(db(), count / registrations.length);
    expect(deliveryIds).toHaveLength(count);
    const otherClient = createDb(database.current().target);
    // Small batches and several loops per client make claims overlap as often as possible.
    const workers = ["a", "b", "c", "d"].map((workerId, index) =>
      startDeliveryWorker({ workerId, concurrency: 4, claimLimit: 8, pollMs: 5, db: index % 2 ? otherClient : db() }),
    );
    try {
      await waitFor(async () => (await db().delivery.count({ where: { status: "succeeded" } })) === count, 20_000, "all deliveries");
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await otherClient.$disconnect();
    }
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(new Set(ids)).toEqual(new Set(deliveryIds));
    const attempts = await db().deliveryAttempt.groupBy({ by: ["deliveryId"], _count: { _all: true } });
    expect(attempts).toHaveLength(count);
    expect(attempts.every((row) => row._count._all === 1)).toBe(true);
  });

  it("delivers events another client commits while the worker writes (no SQLITE_BUSY_SNAPSHOT)", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const otherClient = createDb(database.current().target);
    const worker = startDeliveryWorker({ workerId: "busy", pollMs: 2 });
    const count = 60;
    try {
      // Each event in its own transaction on a second connection, interleaved with the
      // worker's claims and batched attempt logs on the first.
      for (let i = 0; i < count; i++) {
        await writeTransaction(otherClient, (tx) => enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: { i } }));
      }
      await waitFor(async () => (await db().delivery.count({ where: { status: "succeeded" } })) === count, 20_000, "all deliveries");
    } finally {
      await worker.stop();
      await otherClient.$disconnect();
    }
    expect(await db().deliveryAttempt.count()).toBe(count);
  });

  it.runIf(process.env.TEST_DB_PROVIDER === "postgresql")(
    "is woken by LISTEN/NOTIFY when another process commits an event, long before its next poll",
    async () => {
      await createRegistration(db(), { callbackUrl: receiver.url() });
      const otherClient = createDb(database.current().target);
      const worker = startDeliveryWorker({ workerId: "listen", pollMs: 60_000, db: db(), databaseTarget: database.current().target });
      try {
        // No in-process signal: only the commit's notification can wake the worker.
        const enqueued = await writeTransaction(otherClient, (tx) =>
          enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: {} }),
        );
        const [deliveryId] = enqueued!.deliveryIds;
        await waitFor(async () => (await deliveryOf(deliveryId!)).status === "succeeded", 10_000, "the delivery to succeed");
        // A second event after the worker went back to sleep proves the wake-up is not the start-up claim.
        const second = await writeTransaction(otherClient, (tx) =>
          enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: {} }),
        );
        await waitFor(async () => (await deliveryOf(second!.deliveryIds[0]!)).status === "succeeded", 10_000, "the second delivery");
      } finally {
        await worker.stop();
        await otherClient.$disconnect();
      }
    },
  );

  it("leaves deliveries of a paused registration pending until it is resumed", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await db().triggerRegistration.update({ where: { id: registration.id }, data: { status: "paused" } });
    expect(await deliverDue()).toBe(0);
    expect((await deliveryOf(deliveryId!)).status).toBe("pending");
    await db().triggerRegistration.update({ where: { id: registration.id }, data: { status: "active" } });
    expect(await deliverDue()).toBe(1);
    expect((await deliveryOf(deliveryId!)).status).toBe("succeeded");
  });

  it("takes over a delivery whose worker died holding the lease", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await db().delivery.update({
      where: { id: deliveryId! },
      data: { status: "delivering", leaseToken: "lease_dead", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await deliverDue()).toBe(0);
    expect(await deliverDue({ now: inFuture(61_000) })).toBe(1);
    const delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([deliveryId]);
  });
});

describe("retries", () => {
  it("retries a 500 on schedule and then succeeds with the same webhook-id and a fresh signature", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const first = receiver.count();
    answer = (index) => (index === first ? { status: 500, body: "boom" } : { status: 200, body: "ok" });
    const [deliveryId] = await enqueueEvents(db(), 1);

    expect(await deliverDue({ random: () => 0.5 })).toBe(1);
    let delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastStatusCode: 500 });
    const wait = delivery.nextAttemptAt!.getTime() - delivery.attempts[0]!.startedAt.getTime();
    expect(wait).toBeGreaterThanOrEqual(5_000);
    expect(wait).toBeLessThan(6_000);
    expect(await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: "failing",
      consecutiveFailures: 1,
    });

    expect(await deliverDue()).toBe(0); // not due yet
    expect(await deliverDue({ now: inFuture(6_000) })).toBe(1);
    delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 2, lastStatusCode: 200, lastError: null });
    expect(delivery.attempts.map((a) => [a.number, a.outcome, a.statusCode, a.responseBody])).toEqual([
      [1, "failed", 500, "boom"],
      [2, "succeeded", 200, "ok"],
    ]);
    const requests = receiver.received;
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
    for (const request of requests) expect(() => new Webhook(registration.secret).verify(request.body, request.headers)).not.toThrow();
    expect(await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: "active",
      consecutiveFailures: 0,
      failingSince: null,
    });
  });

  it("honours Retry-After on 503 within twice the scheduled delay", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    answer = () => ({ status: 503, headers: { "retry-after": "8" } });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await deliverDue({ random: () => 0.5 });
    const delivery = await deliveryOf(deliveryId!);
    const wait = delivery.nextAttemptAt!.getTime() - delivery.attempts[0]!.startedAt.getTime();
    // Scheduled 5 s, asked 8 s: honoured (≤ 2 × 5 s).
    expect(wait).toBeGreaterThanOrEqual(8_000);
    expect(wait).toBeLessThan(9_000);
    expect(delivery.lastError).toMatch(/503/);
    expect(delivery).toMatchObject({ lastErrorCode: "http_status", lastErrorDetails: JSON.stringify({ status: 503 }) });
    expect(delivery.attempts[0]).toMatchObject({ errorCode: "http_status", errorDetails: JSON.stringify({ status: 503 }) });
  });

  it("gives up after the 10th attempt", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    answer = () => ({ status: 500 });
    const [deliveryId] = await enqueueEvents(db(), 1);
    await db().delivery.update({ where: { id: deliveryId! }, data: { attemptCount: 9 } });
    await deliverDue();
    const delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "failed", attemptCount: 10, nextAttemptAt: null });
    expect(delivery.lastError).toMatch(/Gave up after 10 attempts/);
    expect(delivery.lastErrorCode).toBe("http_status");
    expect(JSON.parse(delivery.lastErrorDetails!)).toEqual({ status: 500, gaveUpAfter: 10 });
  });

  it("disables a registration that has been failing for 5 days", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    await db().triggerRegistration.update({
      where: { id: registration.id },
      data: { status: "failing", consecutiveFailures: 40, failingSince: new Date(Date.now() - 5 * 24 * 3600_000 - 1000) },
    });
    answer = () => ({ status: 500 });
    await enqueueEvents(db(), 1);
    await deliverDue();
    expect(await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: "disabled",
      consecutiveFailures: 41,
    });
  });
});

describe("stop answers", () => {
  it("marks the registration gone on 410 and cancels its other pending deliveries", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [first, second] = await enqueueEvents(db(), 2);
    await db().delivery.update({ where: { id: second! }, data: { nextAttemptAt: inFuture(3_600_000) } });
    answer = () => ({ status: 410 });
    expect(await deliverDue()).toBe(1);
    expect(await deliveryOf(first!)).toMatchObject({ status: "failed", lastStatusCode: 410 });
    expect((await deliveryOf(first!)).lastError).toMatch(/410 Gone/);
    expect(await deliveryOf(second!)).toMatchObject({ status: "cancelled", attemptCount: 0 });
    // Both say why in a form the UI translates; the one that got the 410 keeps its attempt's own code too.
    for (const id of [first!, second!]) {
      expect(await deliveryOf(id)).toMatchObject({ lastErrorCode: "gone", lastErrorDetails: JSON.stringify({ reason: "endpoint_gone" }) });
    }
    expect((await deliveryOf(first!)).attempts[0]).toMatchObject({ errorCode: "http_status", errorDetails: JSON.stringify({ status: 410 }) });
    expect((await db().triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("gone");
    expect(await enqueueEvents(db(), 1)).toEqual([]);
  });

  it("treats 404 from Power Automate as gone, but 404 elsewhere as a retryable failure", async () => {
    const flow = await createRegistration(db(), { callbackUrl: receiver.url("/flow"), origin: "powerAutomate" });
    const plain = await createRegistration(db(), { callbackUrl: receiver.url("/plain") });
    answer = () => ({ status: 404 });
    await enqueueEvents(db(), 1);
    expect(await deliverDue()).toBe(2);
    expect((await db().triggerRegistration.findUniqueOrThrow({ where: { id: flow.id } })).status).toBe("gone");
    expect((await db().triggerRegistration.findUniqueOrThrow({ where: { id: plain.id } })).status).toBe("failing");
    const pending = await db().delivery.findFirstOrThrow({ where: { registrationId: plain.id } });
    expect(pending.status).toBe("pending");
  });
});

describe("signature", () => {
  it("signs a delivery exactly as the Standard Webhooks known-answer vector: stored bytes, delivery id, decrypted secret", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url("/vector") });
    await db().triggerRegistration.update({ where: { id: registration.id }, data: { secretCiphertext: encryptSecret(vector.secret) } });
    const at = new Date(vector.timestamp * 1000);
    await db().event.create({ data: { id: "evt_vector", ...scope, type: "datasource.refresh.failed", payload: vector.payload, createdAt: at } });
    await db().delivery.create({
      data: { id: vector.messageId, ...scope, eventId: "evt_vector", registrationId: registration.id, nextAttemptAt: at, createdAt: at },
    });
    // The attempt's timestamp is the clock's: only Date is faked, the database and network stay real.
    vi.useFakeTimers({ toFake: ["Date"], now: at });
    try {
      expect(await deliverDue()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    const request = receiver.received[0]!;
    expect(request.body).toBe(vector.payload);
    expect(request.headers).toMatchObject({
      "webhook-id": vector.messageId,
      "webhook-timestamp": String(vector.timestamp),
      "webhook-signature": vector.signature,
    });
    expect((await deliveryOf(vector.messageId)).status).toBe("succeeded");
  });
});

describe("SSRF at send time", () => {
  it("logs a refused attempt and sends nothing when 127.0.0.1 is not allow-listed", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    process.env.DELIVERY_ALLOWED_HOSTS = "";
    resetSettingsCache();
    const before = receiver.count();
    await deliverDue();
    expect(receiver.count()).toBe(before);
    const delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastStatusCode: null });
    expect(delivery.attempts[0]).toMatchObject({ outcome: "failed", statusCode: null });
    expect(delivery.attempts[0]!.error).toMatch(/private or reserved/);
  });

  it("refuses a host name that resolves to loopback at connect time", async () => {
    await createRegistration(db(), { callbackUrl: `https://localhost:${receiver.port}/hook` });
    const [deliveryId] = await enqueueEvents(db(), 1);
    process.env.DELIVERY_ALLOWED_HOSTS = "";
    resetSettingsCache();
    await deliverDue();
    const delivery = await deliveryOf(deliveryId!);
    expect(delivery.attempts[0]!.error).toMatch(/Refused to connect to localhost/);
  });
});
