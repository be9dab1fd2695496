import { getAuthConfig } from "../auth/auth-config";

/**
 * Where the browser talks to the identity provider: MSAL fetches its metadata and tokens
 * there (connect-src) and renews silently in a hidden iframe (frame-src). It is the origin
 * of the configured authority, embedded or Microsoft Entra ID.
 */
export const identityProviderOrigin = () => new URL(getAuthConfig().authority).origin;

/** MSAL's redirect bridge is loaded by the app itself in a hidden iframe: the one page the app may frame. */
export const FRAMEABLE_BY_APP = new Set(["/redirect.html"]);

export type SecurityHeaderInput = {
  nonce: string;
  identityOrigin: string;
  pathname: string;
  https: boolean;
  development: boolean;
};

export const HSTS = "max-age=31536000";

/**
 * The Content-Security-Policy of one response. Scripts: the app's own files plus inline
 * scripts carrying this response's nonce (Next.js stamps it on its inline bootstrap and
 * flight data from the request's policy). No 'strict-dynamic': Next loads route chunks by
 * URL, which 'self' must keep allowing. Styles keep 'unsafe-inline' and no nonce (a nonce
 * would switch 'unsafe-inline' off): Griffel, Fluent's CSS-in-JS, inserts <style> elements
 * at runtime and components set style attributes.
 */
export const contentSecurityPolicy = ({ nonce, identityOrigin, pathname, development }: SecurityHeaderInput): string =>
  [
    "default-src 'self'",
    // React's development build uses eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${identityOrigin}`,
    `frame-src 'self' ${identityOrigin}`,
    `form-action 'self' ${identityOrigin}`,
    FRAMEABLE_BY_APP.has(pathname) ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

/**
 * The headers set per request (by proxy.ts). The ones that never vary — X-Content-Type-Options,
 * Referrer-Policy, Permissions-Policy — are set for every path, static files included, in
 * next.config.js.
 */
export const perRequestSecurityHeaders = (input: SecurityHeaderInput): Record<string, string> => ({
  "content-security-policy": contentSecurityPolicy(input),
  "x-frame-options": FRAMEABLE_BY_APP.has(input.pathname) ? "SAMEORIGIN" : "DENY",
  // Browsers ignore HSTS received over plain http; sending it there would only mislead.
  ...(input.https ? { "strict-transport-security": HSTS } : {}),
});

/**
 * The per-request headers of one request, with a fresh nonce: what proxy.ts puts on every answer
 * and the web server (scripts/web-server.ts) on the answers it gives without Next.js.
 */
export const requestSecurityHeaders = (request: {
  pathname: string;
  protocol: string;
  forwardedProto: string | null;
  development: boolean;
}): Record<string, string> =>
  perRequestSecurityHeaders({
    nonce: newNonce(),
    identityOrigin: identityProviderOrigin(),
    pathname: request.pathname,
    https: isHttpsRequest(request.protocol, request.forwardedProto),
    development: request.development,
  });

/** Served over https: directly, or behind a proxy that terminated TLS and says so. */
export const isHttpsRequest = (protocol: string, forwardedProto: string | null) =>
  protocol === "https:" || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";

/** 128 random bits, base64: unguessable per response, as a CSP nonce must be. */
export const newNonce = () => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
};
