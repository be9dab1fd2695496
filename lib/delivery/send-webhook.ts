import net from "node:net";
import { Webhook } from "standardwebhooks";
import { Agent, request } from "undici";
import { getSettings } from "../settings/settings";
import { AppError } from "../api/errors";
import {
  type AttemptFailure,
  type TAttemptErrorCode,
  type TAttemptErrorDetails,
  attemptErrorReasons,
  attemptFailure,
  encodeErrorDetails,
} from "./attempt-error";
import { parseRetryAfter } from "./retry-schedule";
import {
  type SsrfRefusal,
  assertCallbackUrlAllowed,
  createGuardedLookup,
  getAllowList,
  isAddressAllowed,
  isHostListed,
  urlHostname,
} from "./ssrf-guard";

export const USER_AGENT = "AudienceInsights-Webhooks/1.0";
export const RESPONSE_BODY_LIMIT = 20_000;

export type AttemptResult = {
  outcome: "succeeded" | "failed";
  startedAt: Date;
  statusCode: number | null;
  durationMs: number;
  /** The first 20,000 bytes of the response body, for the attempt log. */
  responseBody: string | null;
  /** Why it failed, in English (API clients, webhook logs); null on success. */
  error: string | null;
  /** The same as a code and values, for the UI's catalogs (lib/delivery/attempt-error.ts). */
  errorCode: TAttemptErrorCode | null;
  errorDetails: TAttemptErrorDetails | null;
  /** Retry-After of a 429/503 answer, in milliseconds. */
  retryAfterMs: number | null;
  timedOut: boolean;
  /** The request never left: the address is refused (SSRF). */
  refused: boolean;
};

/** The attempt-log row of one result: every path that sends (worker, test-fire, replay) logs the same fields. */
export const attemptLogRow = (result: AttemptResult, number: number, reason: "scheduled" | "replay" | "test") => ({
  number,
  reason,
  startedAt: result.startedAt,
  durationMs: result.durationMs,
  statusCode: result.statusCode,
  outcome: result.outcome,
  responseBody: result.responseBody,
  error: result.error,
  errorCode: result.errorCode,
  errorDetails: encodeErrorDetails(result.errorDetails),
});

export type WebhookMessage = {
  url: string;
  /** whsec_… */
  secret: string;
  /** webhook-id: stable across retries and replays, the receiver's idempotency key. */
  messageId: string;
  /** The exact JSON body; signed and sent byte for byte. */
  payload: string;
  timeoutMs?: number;
};

// One keep-alive pool per origin, shared by every send in the process. Its connect-time
// lookup only dials vetted addresses, which is what defeats DNS rebinding.
let agent: Agent | undefined;
const getAgent = () => {
  agent ??= new Agent({
    connect: { lookup: createGuardedLookup() as never },
    keepAliveTimeout: 10_000,
    connections: 256,
  });
  return agent;
};

/** Closes pooled connections (tests, benchmarks, shutdown). */
export const closeDeliveryAgent = async () => {
  const current = agent;
  agent = undefined;
  await current?.close();
};

// Parsing the secret (base64) costs more than the HMAC; a worker signs for few secrets.
const signers = new Map<string, Webhook>();
const signerFor = (secret: string) => {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size > 1000) signers.clear();
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
};

/** The Standard Webhooks headers for one attempt; the timestamp is the attempt's own. */
export const signatureHeaders = (secret: string, messageId: string, payload: string, at: Date) => ({
  "webhook-id": messageId,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": signerFor(secret).sign(messageId, at, payload),
});

const readLimited = async (body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_BODY_LIMIT) {
      // No need to download the rest of a huge answer; the connection is dropped instead.
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8");
};

// The connection failures people meet most, by system error code: [reason, English sentence].
const networkFailures: Record<string, [(typeof attemptErrorReasons.network)[number], string]> = {
  ECONNREFUSED: ["connection_refused", "Connection refused."],
  ECONNRESET: ["connection_reset", "The connection was reset."],
  ENOTFOUND: ["host_not_found", "The host name could not be resolved."],
  EAI_AGAIN: ["dns_unavailable", "The host name could not be resolved (DNS unavailable)."],
  EHOSTUNREACH: ["host_unreachable", "The host is unreachable."],
  ENETUNREACH: ["network_unreachable", "The network is unreachable."],
  UND_ERR_SOCKET: ["connection_closed", "The connection closed unexpectedly."],
  CERT_HAS_EXPIRED: ["tls_expired", "The endpoint's TLS certificate has expired."],
  DEPTH_ZERO_SELF_SIGNED_CERT: ["tls_self_signed", "The endpoint's TLS certificate is self-signed."],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ["tls_unverified", "The endpoint's TLS certificate could not be verified."],
  ERR_TLS_CERT_ALTNAME_INVALID: ["tls_host_mismatch", "The endpoint's TLS certificate does not match its host name."],
};

const describeError = (error: unknown, timeoutMs: number): AttemptFailure & { timedOut: boolean; refused: boolean } => {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err?.code ?? err?.cause?.code ?? "";
  const name = err?.name ?? "";
  if (code === "ESSRF" || err?.cause?.code === "ESSRF") {
    const refusal = (err.cause?.code === "ESSRF" ? err.cause : err) as SsrfRefusal;
    return {
      ...attemptFailure("url_refused", refusal.message, { reason: "resolves_to_private", host: refusal.host, addresses: refusal.addresses }),
      timedOut: false,
      refused: true,
    };
  }
  if (name === "TimeoutError" || name === "AbortError" || /TIMEOUT/.test(code)) {
    const seconds = Math.round(timeoutMs / 1000);
    return { ...attemptFailure("timeout", `No answer within ${seconds} s.`, { seconds }), timedOut: true, refused: false };
  }
  const known = networkFailures[code];
  const failure = known
    ? attemptFailure("network", known[1], { reason: known[0] })
    : attemptFailure(
        "network",
        err?.message ? `${err.message}${code ? ` (${code})` : ""}` : "The request failed.",
        code ? { systemCode: code } : undefined,
      );
  return { ...failure, timedOut: false, refused: false };
};

const failedBeforeSending = (startedAt: Date, failure: AttemptFailure): AttemptResult => ({
  outcome: "failed",
  startedAt,
  statusCode: null,
  durationMs: 0,
  responseBody: null,
  error: failure.message,
  errorCode: failure.code,
  errorDetails: failure.details,
  retryAfterMs: null,
  timedOut: false,
  refused: true,
});

/** An attempt that failed before anything was sent, for a reason outside sendWebhook (an unreadable secret). */
export const failedAttempt = (failure: AttemptFailure): AttemptResult => ({
  ...failedBeforeSending(new Date(), failure),
  refused: false,
});

/**
 * One signed POST. Never throws: every outcome, including refusals and timeouts, becomes
 * an AttemptResult so that it can be logged. Redirects are not followed (3xx fails).
 */
export const sendWebhook = async (message: WebhookMessage): Promise<AttemptResult> => {
  const timeoutMs = message.timeoutMs ?? getSettings().DELIVERY_TIMEOUT_MS;
  const startedAt = new Date();
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return failedBeforeSending(startedAt, attemptFailure("url_refused", "The callback URL is not a valid URL.", { reason: "invalid_url" }));
  }
  const hostname = urlHostname(url);
  const allowList = getAllowList();
  // Literal IPs never go through the connect-time lookup, so they are checked here.
  if (net.isIP(hostname) && !isAddressAllowed(hostname, allowList)) {
    return failedBeforeSending(
      startedAt,
      attemptFailure("url_refused", `Refused to connect to ${hostname}: a private or reserved address.`, { reason: "private_address", host: hostname }),
    );
  }
  if (url.protocol === "http:" && !isHostListed(hostname, allowList)) {
    try {
      await assertCallbackUrlAllowed(message.url, allowList);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return failedBeforeSending(startedAt, {
        code: "url_refused",
        message: error.message,
        details: (error.details as TAttemptErrorDetails | undefined) ?? null,
      });
    }
  } else if (url.protocol !== "https:" && url.protocol !== "http:") {
    return failedBeforeSending(startedAt, attemptFailure("url_refused", "The callback URL must use https://.", { reason: "scheme" }));
  }

  const started = performance.now();
  try {
    const response = await request(url, {
      method: "POST",
      dispatcher: getAgent(),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        ...signatureHeaders(message.secret, message.messageId, message.payload, startedAt),
      },
      body: message.payload,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const responseBody = await readLimited(response.body);
    const durationMs = Math.round(performance.now() - started);
    const { statusCode } = response;
    const succeeded = statusCode >= 200 && statusCode < 300;
    const retryAfterHeader = response.headers["retry-after"];
    const retryAfterValue = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
    const failure =
      statusCode >= 300 && statusCode < 400
        ? attemptFailure("redirect", `Redirects are not followed (HTTP ${statusCode}).`, { status: statusCode })
        : succeeded
          ? null
          : attemptFailure("http_status", `The endpoint answered HTTP ${statusCode}.`, { status: statusCode });
    return {
      outcome: succeeded ? "succeeded" : "failed",
      startedAt,
      statusCode,
      durationMs,
      responseBody: responseBody || null,
      error: failure?.message ?? null,
      errorCode: failure?.code ?? null,
      errorDetails: failure?.details ?? null,
      retryAfterMs: retryAfterValue ? parseRetryAfter(retryAfterValue) : null,
      timedOut: false,
      refused: false,
    };
  } catch (error) {
    const described = describeError(error, timeoutMs);
    return {
      outcome: "failed",
      startedAt,
      statusCode: null,
      durationMs: Math.round(performance.now() - started),
      responseBody: null,
      error: described.message,
      errorCode: described.code,
      errorDetails: described.details,
      retryAfterMs: null,
      timedOut: described.timedOut,
      refused: described.refused,
    };
  }
};
