import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as replay from "@/app/api/v1/instances/[instanceId]/deliveries/[deliveryId]/replay/route";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as testFire from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/test-fire/route";
import { callRoute } from "../api/testing/call-route";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { deliverDue } from "./deliver-due";
import { type HostResolver, setHostResolver, systemResolver } from "../security/resolve-host";
import { closeDeliveryAgent } from "./send-webhook";
import { clearOutbox, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";
import type { TDelivery } from "./schemas";

// DNS rebinding: a host name that resolves to a public address when the callback URL is saved
// and to loopback when a delivery is sent. The receiver listens on that loopback address and
// would accept the request, so "nothing reached it" means the guard stopped it, not a dead end.

useFixedEncryptionKey();
const database = useTestDatabase();
const db = () => database.current().db;

const REBINDING_HOST = "hooks.rebind.test";
/** What the name resolves to while it is saved: global unicast. Nothing ever dials it here. */
const PUBLIC_ADDRESS = "93.184.215.14";
const LOOPBACK = "127.0.0.1";

// The attacker's name server: it answers whatever the test says at the moment of each query.
let currentAnswer = PUBLIC_ADDRESS;
const answered: string[] = [];
const scriptedDns: HostResolver = async (hostname) => {
  if (hostname !== REBINDING_HOST) return systemResolver(hostname);
  answered.push(currentAnswer);
  return [{ address: currentAnswer, family: 4 }];
};

let receiver: WebhookReceiver;
let restoreResolver: () => void;
const instanceParams = { instanceId: scope.instanceId };

const useAllowList = (setting: string) => {
  process.env.DELIVERY_ALLOWED_HOSTS = setting;
  resetSettingsCache();
};

beforeAll(async () => {
  await seedIdentity(db());
  receiver = await startWebhookReceiver();
  restoreResolver = setHostResolver(scriptedDns);
});

afterEach(async () => {
  // Pooled keep-alive sockets would skip the connect-time lookup of the next case.
  await closeDeliveryAgent();
  await clearOutbox(db());
  receiver.received.length = 0;
  currentAnswer = PUBLIC_ADDRESS;
});

afterAll(async () => {
  restoreResolver();
  delete process.env.DELIVERY_ALLOWED_HOSTS;
  resetSettingsCache();
  await closeDeliveryAgent();
  await receiver.close();
});

const refusalOfLoopback = new RegExp(`${REBINDING_HOST.replaceAll(".", "\\.")}.* 127\\.0\\.0\\.1, a private or reserved address`);

const saveRegistration = async (callbackUrl: string) =>
  callRoute(collection.POST, {
    method: "POST",
    params: instanceParams,
    body: { displayName: "Rebinding endpoint", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl },
  });

const cases = [
  {
    // Plain http is allowed only to allow-listed addresses: the public one the name had when saved.
    // Loopback is not on the list, so the send-time check on the fresh answer must refuse it.
    name: "plain http to an allow-listed public address",
    scheme: "http",
    allowList: PUBLIC_ADDRESS,
  },
  {
    // No allow-list at all, as in production: https has no send-time pre-check, so what refuses
    // loopback is the lookup the socket itself dials through.
    name: "https with nothing allow-listed",
    scheme: "https",
    allowList: "",
  },
] as const;

describe.each(cases)("a host that rebinds to loopback after it was saved: $name", ({ scheme, allowList }) => {
  it("is refused by the worker, test-fire and replay, and nothing reaches the receiver", async () => {
    useAllowList(allowList);
    const callbackUrl = `${scheme}://${REBINDING_HOST}:${receiver.port}/hook`;
    const connectionsBefore = receiver.connections();
    const requestsBefore = receiver.count();

    // The resolver really is the one the save-time check asks: resolving to loopback now is refused.
    currentAnswer = LOOPBACK;
    const refusedSave = await saveRegistration(callbackUrl);
    expect(refusedSave.status).toBe(422);
    expect(refusedSave.json.error.code).toBe("callback_url_refused");

    currentAnswer = PUBLIC_ADDRESS;
    const saved = await saveRegistration(callbackUrl);
    expect(saved.status, saved.text).toBe(201);
    const registrationId: string = saved.json.registration.id;
    expect(answered.at(-1)).toBe(PUBLIC_ADDRESS);

    // The name now points at the receiver's loopback address.
    currentAnswer = LOOPBACK;
    const queriesBeforeSending = answered.length;

    const [deliveryId] = await enqueueEvents(db(), 1);
    expect(await deliverDue()).toBe(1);
    const delivery = await db().delivery.findUniqueOrThrow({
      where: { id: deliveryId! },
      include: { attempts: { orderBy: { number: "asc" } } },
    });
    // Still pending (a later answer may be public again), and the row says why the attempt failed.
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(refusalOfLoopback);
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ number: 1, reason: "scheduled", outcome: "failed", statusCode: null, responseBody: null }),
    ]);
    expect(delivery.attempts[0]!.error).toMatch(refusalOfLoopback);

    const fired = await callRoute<{ delivery: TDelivery }>(testFire.POST, {
      method: "POST",
      params: { ...instanceParams, registrationId },
    });
    expect(fired.status).toBe(200);
    expect(fired.json.delivery).toMatchObject({ status: "failed", lastStatusCode: null, test: true });
    expect(fired.json.delivery.lastError).toMatch(refusalOfLoopback);
    expect(fired.json.delivery.attempts[0]).toMatchObject({ reason: "test", outcome: "failed", statusCode: null });

    const replayed = await callRoute<{ delivery: TDelivery }>(replay.POST, {
      method: "POST",
      params: { ...instanceParams, deliveryId: deliveryId! },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.json.delivery).toMatchObject({ status: "pending", attemptCount: 2, lastStatusCode: null });
    expect(replayed.json.delivery.attempts.map((attempt) => [attempt.reason, attempt.outcome])).toEqual([
      ["scheduled", "failed"],
      ["replay", "failed"],
    ]);
    expect(replayed.json.delivery.attempts[1]!.error).toMatch(refusalOfLoopback);

    // Each send asked the resolver again and got loopback; not one connection was made.
    expect(answered.slice(queriesBeforeSending).length).toBeGreaterThanOrEqual(3);
    expect(answered.slice(queriesBeforeSending).every((address) => address === LOOPBACK)).toBe(true);
    expect(receiver.connections()).toBe(connectionsBefore);
    expect(receiver.count()).toBe(requestsBefore);

    // Control: with loopback allow-listed the same send reaches the receiver, so above only
    // the address check stood between the request and an endpoint that would have taken it.
    useAllowList([allowList, LOOPBACK].filter(Boolean).join(","));
    const secret: string = saved.json.signingSecret;
    const allowed = await callRoute<{ delivery: TDelivery }>(replay.POST, {
      method: "POST",
      params: { ...instanceParams, deliveryId: deliveryId! },
    });
    expect(allowed.status).toBe(200);
    expect(receiver.connections()).toBe(connectionsBefore + 1);
    if (scheme === "http") {
      expect(allowed.json.delivery).toMatchObject({ status: "succeeded", lastStatusCode: 204 });
      const request = receiver.received[0]!;
      expect(request.headers["webhook-id"]).toBe(deliveryId);
      expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
    } else {
      // A TLS hello to a plain HTTP server: dialled, but no request and no refusal.
      expect(allowed.json.delivery.attempts.at(-1)!.error).not.toMatch(/private or reserved/);
      expect(receiver.count()).toBe(requestsBefore);
    }
  });
});
