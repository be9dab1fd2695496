import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as replay from "@/app/api/v1/instances/[instanceId]/deliveries/[deliveryId]/replay/route";
import * as pause from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as resume from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume/route";
import { callRoute } from "../api/testing/call-route";
import { useTestDatabase } from "../testing/test-database";
import type { TRegistrationStatus } from "../triggers/schemas";
import { deliverDue } from "./deliver-due";
import { closeDeliveryAgent } from "./send-webhook";
import { clearOutbox, createRegistration, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";
import type { TDelivery } from "./schemas";

// Replay by the registration's status (isReplayAllowed): a one-off the user asked for, so it goes
// out while the trigger is paused or disabled and leaves that status alone; not while it is gone,
// because the endpoint said it no longer exists.

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;

let answer: () => ReceiverAnswer = () => ({ status: 204 });
let receiver: WebhookReceiver;

beforeAll(async () => {
  await seedIdentity(db());
  receiver = await startWebhookReceiver(() => answer());
});

afterEach(async () => {
  answer = () => ({ status: 204 });
  await clearOutbox(db());
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

const params = (extra: Record<string, string>) => ({ instanceId: scope.instanceId, ...extra });
const replayOf = (deliveryId: string) => callRoute<{ delivery: TDelivery }>(replay.POST, { method: "POST", params: params({ deliveryId }) });
const registrationOf = (id: string) => db().triggerRegistration.findUniqueOrThrow({ where: { id } });
const deliveryOf = (id: string) => db().delivery.findUniqueOrThrow({ where: { id }, include: { attempts: true } });

/** One delivery the worker attempted once, its registration brought to `status` on the way. */
const deliveryWhileRegistration = async (status: TRegistrationStatus) => {
  const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
  // Every status reached the way it is in use: an answer to a real attempt, the pause route, and
  // for disabled (five days of failures, covered by the worker tests) the state it leaves.
  answer = () => ({ status: status === "active" ? 204 : status === "gone" ? 410 : 500 });
  const [deliveryId] = await enqueueEvents(db(), 1);
  expect(await deliverDue()).toBe(1);
  if (status === "paused") {
    expect((await callRoute(pause.POST, { method: "POST", params: params({ registrationId: registration.id }) })).status).toBe(200);
  }
  if (status === "disabled") {
    await db().triggerRegistration.update({
      where: { id: registration.id },
      data: { status: "disabled", failingSince: new Date(Date.now() - 6 * 24 * 60 * 60 * 1000) },
    });
  }
  expect((await registrationOf(registration.id)).status).toBe(status);
  answer = () => ({ status: 204 });
  return { registrationId: registration.id, deliveryId: deliveryId! };
};

describe("replay by registration status", () => {
  it.each([
    // status, the registration's status after a replay the endpoint accepted
    ["active", "active"],
    ["failing", "active"], // the endpoint works again
    ["paused", "paused"],
    ["disabled", "disabled"],
  ] as const)("while %s: sends once, the delivery succeeds, the registration ends %s", async (status, after) => {
    const { registrationId, deliveryId } = await deliveryWhileRegistration(status);
    const before = receiver.count();

    const response = await replayOf(deliveryId);
    expect(response.status, response.text).toBe(200);
    expect(response.json.delivery).toMatchObject({ status: "succeeded", attemptCount: 2, lastStatusCode: 204 });
    expect(response.json.delivery.attempts.map((attempt) => attempt.reason)).toEqual(["scheduled", "replay"]);
    expect(receiver.count()).toBe(before + 1);
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(deliveryId);
    expect((await registrationOf(registrationId)).status).toBe(after);
  });

  it("while gone: 409 registration_gone, nothing sent, nothing logged, nothing changed", async () => {
    const { registrationId, deliveryId } = await deliveryWhileRegistration("gone");
    const before = await deliveryOf(deliveryId);
    const received = receiver.count();

    const response = await replayOf(deliveryId);
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      error: { code: "registration_gone", message: expect.stringMatching(/resume the trigger/), details: { registrationStatus: "gone" } },
    });
    expect(receiver.count()).toBe(received);
    expect(await deliveryOf(deliveryId)).toEqual(before);
    expect(before).toMatchObject({ status: "failed", attemptCount: 1, leaseToken: null });
    expect((await registrationOf(registrationId)).status).toBe("gone");

    // The way back the message names: resume, then replay.
    expect((await callRoute(resume.POST, { method: "POST", params: params({ registrationId }) })).status).toBe(200);
    const replayed = await replayOf(deliveryId);
    expect(replayed.status).toBe(200);
    expect(replayed.json.delivery).toMatchObject({ status: "succeeded", attemptCount: 2 });
    expect(receiver.count()).toBe(received + 1);
  });

  it("while paused: a failed replay leaves the delivery waiting; it goes out once the trigger resumes", async () => {
    const { registrationId, deliveryId } = await deliveryWhileRegistration("paused");
    // Due again at once, so only the pause holds the worker back.
    await db().delivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    answer = () => ({ status: 503 });
    const response = await replayOf(deliveryId);
    expect(response.status).toBe(200);
    expect(response.json.delivery).toMatchObject({ status: "pending", attemptCount: 2, lastStatusCode: 503 });
    expect((await registrationOf(registrationId)).status).toBe("paused");
    expect(await deliverDue()).toBe(0);

    answer = () => ({ status: 204 });
    expect((await callRoute(resume.POST, { method: "POST", params: params({ registrationId }) })).status).toBe(200);
    expect(await deliverDue()).toBe(1);
    expect(await deliveryOf(deliveryId)).toMatchObject({ status: "succeeded", attemptCount: 3 });
  });

  it("while paused: a delivery a replay got through is not sent again when the trigger resumes", async () => {
    const { registrationId, deliveryId } = await deliveryWhileRegistration("paused");
    expect((await replayOf(deliveryId)).json.delivery.status).toBe("succeeded");
    expect((await callRoute(resume.POST, { method: "POST", params: params({ registrationId }) })).status).toBe(200);
    await db().delivery.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await deliverDue()).toBe(0);
  });
});
