import { type TestIdentity, bearerHeader, identityFor } from "../../auth/testing/test-tokens";
import type { Role } from "../../auth/roles";

type RouteHandler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

export type CallRouteInit = {
  method?: string;
  /** Path and query, e.g. /api/v1/instances/x/trigger-registrations?limit=5 */
  path?: string;
  params?: Record<string, string | string[]>;
  /** Serialised as JSON with content-type application/json; pass rawBody to send anything else. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /**
   * Who calls: a Contoso role or any identity, signed into a valid access token. Default a Contoso
   * Contributor (every write but the Admin ones); null sends no Authorization header; an
   * `authorization` in headers wins.
   */
  as?: Role | TestIdentity | null;
};

export type RouteResult<T = unknown> = { status: number; headers: Headers; text: string; json: T };

export const TEST_ORIGIN = "http://localhost:3000";

/** Calls a route handler the way Next.js does: a Request plus a promise of the path params. */
export const callRoute = async <T = any>(handler: RouteHandler, init: CallRouteInit = {}): Promise<RouteResult<T>> => {
  const headers = new Headers(init.headers);
  const as = init.as === undefined ? "Contributor" : init.as;
  if (as !== null && !headers.has("authorization")) {
    const { authorization } = await bearerHeader(typeof as === "string" ? identityFor(as) : as);
    headers.set("authorization", authorization);
  }
  let payload: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    payload = JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(new URL(init.path ?? "/", TEST_ORIGIN), {
    method: init.method ?? "GET",
    headers,
    body: payload,
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
};
