import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetSettingsCache } from "../settings/settings";
import { closeDeliveryAgent, sendWebhook, signatureHeaders, USER_AGENT } from "./send-webhook";
import { generateSigningSecret } from "../crypto/signing-secret";
import { standardWebhooksVector } from "./testing/standard-webhooks-vector";
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";

const secret = generateSigningSecret();
const payload = JSON.stringify({ id: "evt_1", type: "datasource.refresh.failed", data: { emoji: "✓" } });
let receiver: WebhookReceiver;

beforeAll(async () => {
  process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
  resetSettingsCache();
  receiver = await startWebhookReceiver((request): ReceiverAnswer => {
    if (request.path === "/redirect") return { status: 302, headers: { location: "/hook" } };
    if (request.path === "/busy") return { status: 503, headers: { "retry-after": "120" }, body: "busy" };
    if (request.path === "/big") return { status: 500, body: "x".repeat(50_000) };
    if (request.path === "/slow") return { status: 200 };
    return { status: 204 };
  });
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
  delete process.env.DELIVERY_ALLOWED_HOSTS;
  resetSettingsCache();
});

const vector = standardWebhooksVector;

describe("the Standard Webhooks known-answer vector", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is what our signature headers give for its secret, id, timestamp and payload", () => {
    expect(signatureHeaders(vector.secret, vector.messageId, vector.payload, new Date(vector.timestamp * 1000))).toEqual({
      "webhook-id": vector.messageId,
      "webhook-timestamp": String(vector.timestamp),
      "webhook-signature": vector.signature,
    });
  });

  it("is what goes on the wire when the send happens at its timestamp, and the reference verifier accepts it", async () => {
    // Only Date is faked: the attempt's timestamp comes from the clock, the network stays real.
    vi.useFakeTimers({ toFake: ["Date"], now: vector.timestamp * 1000 });
    const result = await sendWebhook({ url: receiver.url("/vector"), secret: vector.secret, messageId: vector.messageId, payload: vector.payload });
    expect(result).toMatchObject({ outcome: "succeeded", statusCode: 204 });
    expect(result.startedAt.getTime()).toBe(vector.timestamp * 1000);

    const request = receiver.received.at(-1)!;
    expect(request.path).toBe("/vector");
    expect(request.body).toBe(vector.payload);
    expect(request.headers).toMatchObject({
      "webhook-id": vector.messageId,
      "webhook-timestamp": String(vector.timestamp),
      "webhook-signature": vector.signature,
    });
    // A receiver verifying at that moment accepts it; the same bytes five minutes later are a replay.
    expect(new Webhook(vector.secret).verify(request.body, request.headers)).toEqual({ test: 2432232314 });
    vi.setSystemTime((vector.timestamp + 301) * 1000);
    expect(() => new Webhook(vector.secret).verify(request.body, request.headers)).toThrow(/timestamp/i);
  });
});

describe("sendWebhook", () => {
  it("sends Standard Webhooks headers that the reference verifier accepts", async () => {
    const result = await sendWebhook({ url: receiver.url("/hook"), secret, messageId: "msg_abc", payload });
    expect(result).toMatchObject({ outcome: "succeeded", statusCode: 204, error: null, errorCode: null, errorDetails: null });
    const request = receiver.received.at(-1)!;
    expect(request.body).toBe(payload);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe(USER_AGENT);
    expect(request.headers["webhook-id"]).toBe("msg_abc");
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(request.body, request.headers)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(generateSigningSecret()).verify(request.body, request.headers)).toThrow();
  });

  it("does not follow redirects: 3xx is a failure", async () => {
    const before = receiver.count();
    const result = await sendWebhook({ url: receiver.url("/redirect"), secret, messageId: "msg_r", payload });
    expect(result).toMatchObject({ outcome: "failed", statusCode: 302, errorCode: "redirect", errorDetails: { status: 302 } });
    expect(result.error).toMatch(/Redirects are not followed/);
    expect(receiver.count()).toBe(before + 1);
  });

  it("reports Retry-After and the response body", async () => {
    const result = await sendWebhook({ url: receiver.url("/busy"), secret, messageId: "msg_b", payload });
    expect(result).toMatchObject({ outcome: "failed", statusCode: 503, retryAfterMs: 120_000, responseBody: "busy" });
    expect(result).toMatchObject({ error: "The endpoint answered HTTP 503.", errorCode: "http_status", errorDetails: { status: 503 } });
  });

  it("truncates the response body to 20,000 bytes", async () => {
    const result = await sendWebhook({ url: receiver.url("/big"), secret, messageId: "msg_big", payload });
    expect(result.statusCode).toBe(500);
    expect(result.responseBody).toHaveLength(20_000);
  });

  it("refuses a private address before sending anything", async () => {
    const result = await sendWebhook({ url: "https://169.254.169.254/latest", secret, messageId: "m", payload });
    expect(result).toMatchObject({ outcome: "failed", refused: true, statusCode: null });
    expect(result.error).toMatch(/private or reserved/);
    expect(result).toMatchObject({ errorCode: "url_refused", errorDetails: { reason: "private_address", host: "169.254.169.254" } });
  });

  it("decides about a literal IP's URL once per allow-list: refused, nothing sent, once the list no longer opens it", async () => {
    const url = receiver.url("/hook");
    try {
      expect(await sendWebhook({ url, secret, messageId: "m", payload })).toMatchObject({ outcome: "succeeded" });
      // The same URL, twice, once the allow-list no longer opens it.
      process.env.DELIVERY_ALLOWED_HOSTS = "10.0.0.0/8";
      resetSettingsCache();
      const sent = receiver.received.length;
      for (let i = 0; i < 2; i++) {
        const result = await sendWebhook({ url, secret, messageId: "m", payload });
        expect(result).toMatchObject({ outcome: "failed", refused: true, statusCode: null, errorCode: "url_refused" });
      }
      expect(receiver.received.length).toBe(sent);
      // Plain http to a public address that is not listed: refused before connecting, each time.
      for (let i = 0; i < 2; i++) {
        const result = await sendWebhook({ url: "http://8.8.8.8/hook", secret, messageId: "m", payload, timeoutMs: 1000 });
        expect(result).toMatchObject({ outcome: "failed", refused: true, durationMs: 0, errorCode: "url_refused" });
        expect(result.error).toMatch(/https/);
      }
    } finally {
      process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
      resetSettingsCache();
    }
  });

  it("refuses at connect time when a host name resolves to a refused address", async () => {
    process.env.DELIVERY_ALLOWED_HOSTS = "";
    resetSettingsCache();
    try {
      const result = await sendWebhook({ url: `https://localhost:${receiver.port}/hook`, secret, messageId: "m", payload });
      expect(result).toMatchObject({ outcome: "failed", refused: true });
      expect(result.error).toMatch(/Refused to connect to localhost/);
      expect(result).toMatchObject({ errorCode: "url_refused", errorDetails: { reason: "resolves_to_private", host: "localhost" } });
    } finally {
      process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
      resetSettingsCache();
    }
  });

  it("reports connection failures", async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url("/hook");
    await closed.close();
    const result = await sendWebhook({ url, secret, messageId: "m", payload });
    expect(result).toMatchObject({ outcome: "failed", statusCode: null, error: "Connection refused." });
    expect(result).toMatchObject({ errorCode: "network", errorDetails: { reason: "connection_refused" } });
  });

  it("times out", async () => {
    const hanging = await import("node:http").then(
      (http) =>
        new Promise<import("node:http").Server>((resolve) => {
          const server = http.createServer(() => {});
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    );
    const { port } = hanging.address() as import("node:net").AddressInfo;
    try {
      const result = await sendWebhook({ url: `http://127.0.0.1:${port}/`, secret, messageId: "m", payload, timeoutMs: 200 });
      expect(result).toMatchObject({ outcome: "failed", timedOut: true, errorCode: "timeout", errorDetails: { seconds: 0 } });
      expect(result.durationMs).toBeGreaterThanOrEqual(150);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
