import type { NextRouteContext } from "./define-route";
import { AppError } from "../errors/app-error";
import { allowList, type HttpMethod, httpMethods } from "./http-methods";
import { errorResponse } from "./responses";

export type RouteHandler = (req: Request, next?: NextRouteContext) => Promise<Response>;

export const ROUTE_REFUSAL = Symbol.for("audience-insights.route-refusal");

/** What a refusing handler answers; kept on it for the API contract test. */
export type RefusalDescriptor = { answers: "method_not_allowed"; allow: HttpMethod[] } | { answers: "not_found" };

/** The descriptor of a handler made here, or undefined for anything else (defineRoute's handlers included). */
export const refusalDescriptor = (handler: unknown): RefusalDescriptor | undefined =>
  typeof handler === "function" ? (handler as unknown as Record<symbol, RefusalDescriptor | undefined>)[ROUTE_REFUSAL] : undefined;

// Refusals answer before authentication: which methods an address has, or that it has none, is
// no secret (the API is documented), and a client learns its mistake without a token first.
const refusal = (descriptor: RefusalDescriptor, answer: (req: Request) => AppError): RouteHandler => {
  const handler = async (req: Request) => {
    const error = answer(req);
    return errorResponse(error, descriptor.answers === "method_not_allowed" ? { allow: descriptor.allow.join(", ") } : {});
  };
  Object.defineProperty(handler, ROUTE_REFUSAL, { value: descriptor });
  return handler;
};

/** The 405 of an address that answers `allow` (sorted, HEAD included), asked with `method`. */
export const methodNotAllowed = (method: string, allow: readonly HttpMethod[]) =>
  new AppError("method_not_allowed", `This address does not answer ${method}; it answers ${allow.join(", ")}.`, { allow: [...allow] });

/**
 * Every HTTP method of one route file, so that Next.js never answers on its own (an empty 405
 * without Allow, or a 204 to OPTIONS): the route's handlers, HEAD served by GET as Next would,
 * and a 405 JSON error with an Allow header for the rest. Use it as
 * `export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({ GET: defineRoute(…) })`;
 * the Allow list comes from the handlers given, so it cannot drift from them.
 */
export const routeMethods = (handlers: Partial<Record<HttpMethod, RouteHandler>>): Record<HttpMethod, RouteHandler> => {
  const served: Partial<Record<HttpMethod, RouteHandler>> = { ...handlers };
  if (served.GET && !served.HEAD) served.HEAD = served.GET;
  const allow = allowList(httpMethods.filter((method) => served[method]));
  const notAllowed = refusal({ answers: "method_not_allowed", allow }, (req) => methodNotAllowed(req.method, allow));
  return Object.fromEntries(httpMethods.map((method) => [method, served[method] ?? notAllowed])) as Record<HttpMethod, RouteHandler>;
};

/** Every method of an address under /api that no route file serves (the app/api catch-all): 404 JSON. */
export const unknownApiRoute = (): Record<HttpMethod, RouteHandler> => {
  const notFound = refusal({ answers: "not_found" }, () => new AppError("not_found", "There is no API endpoint at this address."));
  return Object.fromEntries(httpMethods.map((method) => [method, notFound])) as Record<HttpMethod, RouteHandler>;
};
