import net from "node:net";
import { Webhook } from "standardwebhooks";
import { Agent, type Dispatcher } from "undici";
import { getSettings } from "../settings/settings";
import { AppError } from "../errors/app-error";
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
  type AllowList,
  type SsrfRefusal,
  assertCallbackUrlAllowed,
  createGuardedLookup,
  getAllowList,
  isAddressAllowed,
  isHostListed,
  urlHostname,
} from "../security/ssrf-guard";

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

type Answer = { statusCode: number; retryAfter: string | undefined; body: string };

const timeoutError = (timeoutMs: number) => {
  const error = new Error(`No answer within ${Math.round(timeoutMs / 1000)} s.`);
  error.name = "TimeoutError";
  return error;
};

/**
 * One POST through the pooled agent, at the dispatcher level: the status, Retry-After and at
 * most RESPONSE_BODY_LIMIT bytes of the body are all an attempt keeps, so there is no
 * response stream, no AbortSignal and no header object beyond undici's own. Redirects are
 * not followed (nothing here follows them). The whole attempt, queueing for a connection
 * included, is bounded by `timeoutMs`; undici's header and body timeouts stay as a backstop.
 */
const post = (url: URL, headers: Record<string, string>, body: string, timeoutMs: number) =>
  new Promise<Answer>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let statusCode = 0;
    let retryAfter: string | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let settled = false;
    const answer = () => ({ statusCode, retryAfter, body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8") });
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(answer());
    };
    const timer = setTimeout(() => {
      const error = timeoutError(timeoutMs);
      if (controller) controller.abort(error);
      settle(error);
    }, timeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (started) => {
        controller = started;
        // Still waiting for a connection when the time ran out: it never goes out.
        if (settled) started.abort(timeoutError(timeoutMs));
      },
      onResponseStart: (_controller, status, responseHeaders) => {
        if (status < 200) return; // 1xx: the real answer follows.
        statusCode = status;
        const value = responseHeaders["retry-after"];
        retryAfter = Array.isArray(value) ? value[0] : value;
      },
      onResponseData: (current, chunk) => {
        if (truncated) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_LIMIT) {
          // No need to download the rest of a huge answer; the connection is dropped instead.
          truncated = true;
          current.abort(new Error("Response body limit reached."));
        }
      },
      onResponseEnd: () => settle(null),
      onResponseError: (_controller, error) => settle(truncated ? null : error),
    };
    getAgent().dispatch(
      { origin: url.origin, path: `${url.pathname}${url.search}`, method: "POST", headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
      handler,
    );
  });

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

type CallbackTarget = { url: URL; checkBeforeSending: boolean } | { refused: AttemptFailure };

/** The save-time check (ssrf-guard.ts), its refusal as an attempt's failure. */
const checkCallbackUrl = async (raw: string, allowList: AllowList): Promise<AttemptFailure | null> => {
  try {
    await assertCallbackUrlAllowed(raw, allowList);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: "url_refused", message: error.message, details: (error.details as TAttemptErrorDetails | undefined) ?? null };
  }
};

/**
 * What can be decided about a callback URL before any DNS lookup: it depends only on the URL
 * and the allow-list, so it is worked out once per URL (a worker sends to few URLs, many times).
 * Literal IPs never go through the connect-time lookup, so they are checked here; plain http to
 * a host name that is not listed is checked before every send (its DNS may change), to a literal
 * IP once (there is nothing to resolve).
 */
const decideTarget = async (raw: string, allowList: AllowList): Promise<CallbackTarget> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: attemptFailure("url_refused", "The callback URL is not a valid URL.", { reason: "invalid_url" }) };
  }
  const hostname = urlHostname(url);
  const literalIp = net.isIP(hostname) !== 0;
  if (literalIp && !isAddressAllowed(hostname, allowList)) {
    return {
      refused: attemptFailure("url_refused", `Refused to connect to ${hostname}: a private or reserved address.`, { reason: "private_address", host: hostname }),
    };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { refused: attemptFailure("url_refused", "The callback URL must use https://.", { reason: "scheme" }) };
  }
  const checkBeforeSending = url.protocol === "http:" && !isHostListed(hostname, allowList);
  if (checkBeforeSending && literalIp) {
    const refused = await checkCallbackUrl(raw, allowList);
    return refused ? { refused } : { url, checkBeforeSending: false };
  }
  return { url, checkBeforeSending };
};

const targets = new Map<string, { allowList: AllowList; target: CallbackTarget }>();
const callbackTarget = async (raw: string, allowList: AllowList): Promise<CallbackTarget> => {
  const known = targets.get(raw);
  if (known?.allowList === allowList) return known.target;
  const target = await decideTarget(raw, allowList);
  if (targets.size > 10_000) targets.clear();
  targets.set(raw, { allowList, target });
  return target;
};

/**
 * One signed POST. Never throws: every outcome, including refusals and timeouts, becomes
 * an AttemptResult so that it can be logged. Redirects are not followed (3xx fails).
 */
export const sendWebhook = async (message: WebhookMessage): Promise<AttemptResult> => {
  const timeoutMs = message.timeoutMs ?? getSettings().DELIVERY_TIMEOUT_MS;
  const startedAt = new Date();
  const allowList = getAllowList();
  const target = await callbackTarget(message.url, allowList);
  if ("refused" in target) return failedBeforeSending(startedAt, target.refused);
  const { url } = target;
  if (target.checkBeforeSending) {
    const refused = await checkCallbackUrl(message.url, allowList);
    if (refused) return failedBeforeSending(startedAt, refused);
  }

  const started = performance.now();
  try {
    const headers = {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      ...signatureHeaders(message.secret, message.messageId, message.payload, startedAt),
    };
    const { statusCode, retryAfter, body: responseBody } = await post(url, headers, message.payload, timeoutMs);
    const durationMs = Math.round(performance.now() - started);
    const succeeded = statusCode >= 200 && statusCode < 300;
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
      retryAfterMs: retryAfter ? parseRetryAfter(retryAfter) : null,
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
