import { Webhook } from "standardwebhooks";
import { commitWithEvents } from "../events/commit-with-events";
import { checkTeamsMessage } from "../teams/testing/check-adaptive-card";
import { buildSampleEvent } from "../events/sample-event";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateDestination } from "../destinations/update-destination";
import { clearOutbox, createRegistration, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { deliverDue } from "./deliver-due";
import { replayDelivery } from "./replay-delivery";
import { closeDeliveryAgent } from "./send-webhook";
import { testFireRegistration } from "./test-fire-registration";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";

// A registration on a destination sends to the destination's endpoint, signed with its secret:
// the worker's claim, a replay and a test-fire alike, and a change to the destination applies
// from the next send on.

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;
const audit = { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: scope.tenantId, ip: null, userAgent: null };

let receiver: WebhookReceiver;

beforeAll(async () => {
  await seedIdentity(db());
  receiver = await startWebhookReceiver(() => ({ status: 204 }));
});

afterEach(async () => {
  receiver.received.length = 0;
  await clearOutbox(db());
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

const destinationOf = async (registrationId: string) =>
  (await db().triggerRegistration.findUniqueOrThrow({ where: { id: registrationId }, select: { destinationId: true } })).destinationId!;

describe("delivery through a destination", () => {
  it("sends to the destination's endpoint with its secret, and follows an endpoint change and a rotated secret", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url("/first"), viaDestination: true });
    const [deliveryId] = await enqueueEvents(db(), 1);
    expect(await deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(first.path).toBe("/first");
    new Webhook(registration.secret).verify(first.body, first.headers);

    const updated = await updateDestination(scope, await destinationOf(registration.id), { endpoint: receiver.url("/second"), rotateSecret: true }, audit);
    const rotated = updated.signingSecret!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(registration.secret);

    await enqueueEvents(db(), 1);
    expect(await deliverDue()).toBe(1);
    const second = receiver.received[1]!;
    expect(second.path).toBe("/second");
    new Webhook(rotated).verify(second.body, second.headers);
    expect(() => new Webhook(registration.secret).verify(second.body, second.headers)).toThrow();

    // A replay of the first delivery goes where the destination points now, signed as it signs now.
    const replayed = await replayDelivery(scope, deliveryId!);
    expect(replayed.status).toBe("succeeded");
    const third = receiver.received[2]!;
    expect(third.path).toBe("/second");
    new Webhook(rotated).verify(third.body, third.headers);
  });

  it("posts a Teams destination an Adaptive Card of the event; an event that cannot become a card fails its attempt, sending nothing", async () => {
    const registration = await createRegistration(db(), {
      callbackUrl: receiver.url("/teams"),
      viaDestination: true,
      destinationType: "teams",
      type: "datasource.refresh.succeeded",
    });
    const sample = buildSampleEvent({
      type: "datasource.refresh.succeeded",
      context: { instance: { id: scope.instanceId, name: "Contoso Retail" }, dataSource: { id: "ds_web", name: "Web orders", kind: "upload" }, parameters: {} },
    });
    await commitWithEvents(db(), (_tx, emit) => emit({ ...scope, type: sample.type, subject: {}, data: sample.data }));
    expect(await deliverDue()).toBe(1);
    const request = receiver.received[0]!;
    expect(request.path).toBe("/teams");
    const message = new Webhook(registration.secret).verify(request.body, request.headers);
    expect(checkTeamsMessage(message).flatMap((check) => check.issues)).toEqual([]);
    expect(JSON.stringify(message)).toContain("Web orders");
    expect(JSON.stringify(message)).toContain(`/triggers/${registration.id}`);

    // Data no card builder knows (as an event of an older shape would be): a failed attempt, not a crash.
    const [deliveryId] = await enqueueEvents(db(), 1, "datasource.refresh.succeeded");
    expect(await deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const attempt = await db().deliveryAttempt.findFirstOrThrow({ where: { deliveryId }, select: { outcome: true, errorCode: true } });
    expect(attempt).toEqual({ outcome: "failed", errorCode: "card_unbuildable" });
  });

  it("test-fires to the destination", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url("/dest"), viaDestination: true });
    const delivery = await testFireRegistration(scope, registration.id);
    expect(delivery.status).toBe("succeeded");
    const request = receiver.received[0]!;
    expect(request.path).toBe("/dest");
    new Webhook(registration.secret).verify(request.body, request.headers);
  });

  it("still sends to a registration's own endpoint (a Power Automate subscription)", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url("/own"), origin: "powerAutomate" });
    await enqueueEvents(db(), 1);
    expect(await deliverDue()).toBe(1);
    const request = receiver.received[0]!;
    expect(request.path).toBe("/own");
    new Webhook(registration.secret).verify(request.body, request.headers);
  });
});
