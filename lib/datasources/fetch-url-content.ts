import net from "node:net";
import { Agent, errors as undiciErrors, request } from "undici";
import {
  assertCallbackUrlAllowed,
  createGuardedLookup,
  getAllowList,
  isAddressAllowed,
  urlHostname,
} from "../security/ssrf-guard";
import { RefreshError, formatBytes } from "./refresh-error";

export const URL_FETCH_TIMEOUT_MS = 30_000;

// The connect-time lookup only dials vetted addresses, so a host that resolves to a
// private address at refresh time (DNS rebinding) is refused even if it was public when saved.
let agent: Agent | undefined;
const getAgent = () => {
  agent ??= new Agent({ connect: { lookup: createGuardedLookup() as never }, keepAliveTimeout: 5_000 });
  return agent;
};

const refused = (message: string, details: ConstructorParameters<typeof RefreshError<"url_refused">>[2]) =>
  new RefreshError("url_refused", message, details);

const checkUrl = async (location: string): Promise<URL> => {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw refused("The data source URL is not a valid URL. Enter a full https:// address.", { reason: "invalid_url" });
  }
  if (url.username || url.password) throw refused("The data source URL must not contain a user name or password.", { reason: "credentials" });
  const hostname = urlHostname(url);
  const allowList = getAllowList();
  if (url.protocol === "http:") {
    // Plain http only for allow-listed hosts (local development and tests), like callbacks.
    try {
      await assertCallbackUrlAllowed(url.toString(), allowList);
    } catch {
      throw refused("The data source URL must start with https://.", { reason: "scheme" });
    }
  } else if (url.protocol !== "https:") {
    throw refused("The data source URL must start with https://.", { reason: "scheme" });
  }
  // Literal IPs never reach the connect-time lookup.
  if (net.isIP(hostname) && !isAddressAllowed(hostname, allowList)) {
    throw refused(`The data source URL points at ${hostname}, a private or reserved address that data sources may not read from.`, {
      reason: "private_address",
      host: hostname,
    });
  }
  return url;
};

const describeFailure = (error: unknown, url: URL, timeoutMs: number): RefreshError => {
  const host = url.host;
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === "ESSRF" || (error as { cause?: { code?: string } }).cause?.code === "ESSRF") {
    return refused(`${host} resolves to a private or reserved address that data sources may not read from.`, {
      reason: "resolves_to_private",
      host: url.hostname,
    });
  }
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    (error as Error).name === "TimeoutError" ||
    (error as Error).name === "AbortError"
  ) {
    const seconds = Math.round(timeoutMs / 1000);
    return new RefreshError("url_unreachable", `${host} did not answer within ${seconds} seconds. Try again later or check the URL.`, {
      reason: "timeout",
      host,
      seconds,
    });
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new RefreshError("url_unreachable", `The host ${url.hostname} could not be found. Check the URL.`, {
      reason: "host_not_found",
      host: url.hostname,
    });
  }
  if (code === "ECONNREFUSED") {
    return new RefreshError("url_unreachable", `${host} refused the connection. Check that the server is running and the URL is right.`, {
      reason: "connection_refused",
      host,
    });
  }
  if (typeof code === "string" && (code.startsWith("ERR_TLS") || code.includes("CERT") || code.startsWith("DEPTH_ZERO"))) {
    return new RefreshError("url_unreachable", `The secure connection to ${host} failed (${code}). Check the server's certificate.`, {
      reason: "tls_failed",
      host,
      systemCode: code,
    });
  }
  return new RefreshError("url_unreachable", `${host} could not be reached${code ? ` (${code})` : ""}. Check the URL and try again.`, {
    host,
    ...(code ? { systemCode: code } : {}),
  });
};

/**
 * Downloads a "url" data source: https only (plain http for allow-listed hosts), SSRF rules
 * checked on the resolved address, redirects not followed, a timeout and a size cap.
 */
export const fetchUrlContent = async (
  location: string,
  maxBytes: number,
  timeoutMs = URL_FETCH_TIMEOUT_MS,
): Promise<Uint8Array> => {
  const url = await checkUrl(location);
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: "GET",
      dispatcher: getAgent(),
      headers: { accept: "text/csv, text/plain;q=0.9, */*;q=0.5", "user-agent": "AudienceInsights-DataSources/1.0" },
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (error) {
    throw describeFailure(error, url, timeoutMs);
  }

  const { statusCode, headers, body } = response;
  if (statusCode < 200 || statusCode >= 300) {
    await body.dump().catch(() => undefined);
    const location = headers.location;
    if (statusCode >= 300 && statusCode < 400) {
      throw new RefreshError(
        "http_error",
        `${url.host} answered with a redirect (HTTP ${statusCode})${location ? ` to ${String(location)}` : ""}. Redirects are not followed: enter the final URL.`,
        { reason: "redirect", host: url.host, status: statusCode },
      );
    }
    throw new RefreshError("http_error", `${url.host} answered HTTP ${statusCode} instead of the CSV file. Check the URL and the server.`, {
      reason: "status",
      host: url.host,
      status: statusCode,
    });
  }

  const tooLarge = (size: number) =>
    new RefreshError("too_large", `The file at the URL is ${formatBytes(size)} or more; data sources read at most ${formatBytes(maxBytes)}.`, {
      reason: "url",
      sizeBytes: size,
      limitBytes: maxBytes,
    });
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw tooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        body.destroy();
        throw tooLarge(size);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof RefreshError) throw error;
    throw describeFailure(error, url, timeoutMs);
  }
  return new Uint8Array(Buffer.concat(chunks));
};
