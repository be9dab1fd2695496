import { type NextRequest, NextResponse } from "next/server";
import { answerBeforeRouting } from "@/lib/api/answer-before-routing";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locales";
import { requestSecurityHeaders } from "@/lib/security/security-headers";

/**
 * Security headers on every page and API response, with a fresh script nonce per request.
 * Next.js reads the nonce from the request's Content-Security-Policy and stamps it on the
 * inline scripts it renders, so the policy goes on the forwarded request as well as on the
 * response. The identity provider's origin is read at runtime: one build serves both modes.
 * Requests Next.js cannot route (undecodable percent-escapes in the path) are answered here,
 * with the same headers, before Next tries (see answerBeforeRouting).
 */
export function proxy(request: NextRequest) {
  const headers = requestSecurityHeaders({
    pathname: request.nextUrl.pathname,
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    development: process.env.NODE_ENV === "development",
  });
  const refusal = answerBeforeRouting({
    method: request.method,
    pathname: request.nextUrl.pathname,
    locale: () => pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language")),
  });
  let response: Response;
  if (refusal) {
    response = refusal;
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", headers["content-security-policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets, which carry no document to protect (next.config.js still
  // gives them the static headers).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
