import { getMessages, type Locale } from "../i18n/locales";
import { AppError } from "./errors";
import { isHttpMethod } from "./http-methods";
import { errorResponse } from "./responses";

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
 * Methods outside the route-handler set (PROPFIND and the like) get an empty 400 from Next; under
 * /api they get the JSON error body instead.
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
    return errorResponse(new AppError("bad_request", `The API does not support the HTTP method ${method}.`));
  }
  return undefined;
};
