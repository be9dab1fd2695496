import { type NextRequest, NextResponse } from "next/server";
import { identityProviderOrigin, isHttpsRequest, newNonce, perRequestSecurityHeaders } from "@/lib/security/security-headers";

/**
 * Security headers on every page and API response, with a fresh script nonce per request.
 * Next.js reads the nonce from the request's Content-Security-Policy and stamps it on the
 * inline scripts it renders, so the policy goes on the forwarded request as well as on the
 * response. The identity provider's origin is read at runtime: one build serves both modes.
 */
export function proxy(request: NextRequest) {
  const headers = perRequestSecurityHeaders({
    nonce: newNonce(),
    identityOrigin: identityProviderOrigin(),
    pathname: request.nextUrl.pathname,
    https: isHttpsRequest(request.nextUrl.protocol, request.headers.get("x-forwarded-proto")),
    development: process.env.NODE_ENV === "development",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets, which carry no document to protect (next.config.js still
  // gives them the static headers).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
