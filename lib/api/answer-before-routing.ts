import { getMessages, type Locale } from "../i18n/locales";
import { AppError } from "../errors/app-error";
import { allowList, isHttpMethod } from "./http-methods";
import { errorResponse } from "./responses";
import { methodNotAllowed } from "./route-methods";
import { apiRouteAt } from "./route-table";

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/**
 * True when a path segment holds a percent-escape that does not decode to UTF-8 text: `%ZZ`,
 * a bare `%`, a cut-off sequence such as `%E0%A4`, or an encoded lone surrogate `%ED%A0%80`.
 */
export const hasUndecodableSegment = (pathname: string) =>
  pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });

export type IncomingRequest = { method: string; pathname: string; locale: () => Locale };

/**
 * What proxy.ts answers itself, before Next.js routes the request; undefined lets it through.
 *
 * Next.js decodes each dynamic segment while it matches the path against the route table. When a
 * segment does not decode, it gives up with a DecodeError and tries to render a /400 page, which
 * the App Router does not have, and falls back to a bare `500 text/plain` without any of the
 * headers gathered so far. The proxy runs before that matching (and sees the raw path), so this is
 * the last place the request can still get a proper answer: a 400 JSON error under /api, a 400
 * in the user's language elsewhere.
 *
 * Methods outside the route-handler set (PROPFIND and the like) would get an empty 400 from Next;
 * under /api they get the route's 405 with its Allow list (route-table.ts), or the 404 of an address
 * no route serves. TRACE never reaches Next.js or this proxy (the Fetch API refuses to build its
 * Request, and Next answers a bare 500): the web server (scripts/web-server.ts) asks here first.
 */
export const answerBeforeRouting = ({ method, pathname, locale }: IncomingRequest): Response | undefined => {
  const api = isApiPath(pathname);
  if (hasUndecodableSegment(pathname)) {
    if (api) {
      return errorResponse(
        new AppError("bad_request", "The address contains a percent-escape that does not decode to text (such as %ZZ, or a cut-off UTF-8 sequence)."),
      );
    }
    return new Response(getMessages(locale())["error.undecodableAddress"], {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  if (api && !isHttpMethod(method)) {
    const route = apiRouteAt(pathname);
    if (!route) return errorResponse(new AppError("not_found", "There is no API endpoint at this address."));
    const allow = allowList(route.methods);
    return errorResponse(methodNotAllowed(method, allow), { allow: allow.join(", ") });
  }
  if (FETCH_FORBIDDEN_METHODS.has(method)) {
    return new Response(getMessages(locale())["error.pageMethodNotAllowed"], {
      status: 405,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", allow: PAGE_METHODS },
    });
  }
  return undefined;
};

/**
 * Methods the Fetch API refuses to build a Request with (CONNECT and TRACK never reach an HTTP
 * request handler in Node.js; TRACE does, and Next.js then fails with a bare 500).
 */
export const FETCH_FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

const PAGE_METHODS = "GET, HEAD";
