import { z } from "zod";
import { type AuditContext, auditContextOf } from "../audit/audit-context";
import { type Principal, type Role, hasRole, resolvePrincipal } from "../auth/principal";
import { bearerChallengeHeaders } from "../auth/bearer-challenge";
import { findScopedInstance } from "../auth/find-scoped-instance";
import { AppError, notFound } from "../errors/app-error";
import { enforceConnectionRateLimit } from "../rate-limit/enforce-connection-rate-limit";
import { type Operation, type SuccessResponses, successStatusOf } from "./operation";
import { errorResponse, json } from "./responses";
import { toAppError } from "./to-app-error";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type ScopedInstance = { id: string; tenantId: string; name: string };

export type RouteContext<P, Q, B, A extends Role | "Public" = Role> = {
  req: Request;
  params: P;
  query: Q;
  body: B;
  /** The caller; none for a public operation, which answers without a token. */
  principal: A extends "Public" ? undefined : Principal;
  /** Present when the route's params include instanceId: the instance, scoped to the caller's tenant. */
  instance: ScopedInstance;
  /** Who is acting and from where, for the audit entries the handler's writes record. */
  audit: A extends "Public" ? undefined : AuditContext;
  /** Headers sent with the handler's plain result (a 201's absolute Location, say). */
  headers: Headers;
};

/**
 * What a route declares: in the app always a whole Operation (lib/api/operations/), whose
 * responses type the handler's result; the bare options remain for the wrapper's own tests.
 */
type RouteOptions<PS, QS, BS, R extends SuccessResponses, A extends Role | "Public"> = {
  /** Lowest role allowed to call the route; "Public" skips authentication. */
  role: A;
  params?: PS;
  query?: QS;
  /** JSON body schema, or "raw" when the handler reads the request itself (uploads). */
  body?: BS | "raw";
  responses?: R;
} & Partial<Omit<Operation, "role" | "params" | "query" | "body" | "responses">>;

/**
 * What the handler may return besides a Response: the body of one of the operation's
 * successes (sent with its lowest success status), nothing for a 204, anything without
 * declared responses.
 */
type HandlerResult<R extends SuccessResponses> = [keyof R] extends [never]
  ? unknown
  : { [K in keyof R]: R[K] extends z.ZodType ? z.output<R[K]> : void }[keyof R];

export type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export const ROUTE_WRAPPED = Symbol.for("audience-insights.route");

/** What a wrapped route declares; kept on the handler under ROUTE_WRAPPED for the API contract test. */
export type RouteDescriptor = {
  role: Role | "Public";
  /** The operation the route serves, with its documentation (every app route has one). */
  operation?: Operation;
  params?: Schema;
  query?: Schema;
  body: "json" | "raw" | "none";
  bodySchema?: Schema;
};

/** The descriptor of a handler made by defineRoute, or undefined for anything else. */
export const routeDescriptor = (handler: unknown): RouteDescriptor | undefined =>
  typeof handler === "function" ? (handler as unknown as Record<symbol, RouteDescriptor | undefined>)[ROUTE_WRAPPED] : undefined;

/** JSON bodies above this are refused before parsing (uploads use body "raw" and their own limit). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export { errorResponse, json } from "./responses";

const parseWith = <S extends Schema>(schema: S, value: unknown, where: string): z.infer<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first?.path.length ? `${first.path.join(".")}: ` : "";
  throw new AppError("validation_failed", `Invalid ${where}. ${path}${first?.message ?? ""}`.trim(), {
    issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
};

const tooLarge = () =>
  new AppError("payload_too_large", `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KB.`, {
    reason: "body_too_large",
    limitBytes: MAX_JSON_BODY_BYTES,
  });

const readJsonBody = async (req: Request): Promise<unknown> => {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (text.length > MAX_JSON_BODY_BYTES) throw tooLarge();
  if (!text.trim()) throw new AppError("invalid_json", "The request body is empty; a JSON object was expected.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
};

/**
 * The one wrapper every API route goes through: authentication, a Power Automate connection's
 * rate limit, role check, zod parsing of params, query and body, tenant scoping of the instance,
 * and error mapping.
 */
export const defineRoute = <
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  const R extends SuccessResponses = {},
  const A extends Role | "Public" = Role,
>(
  options: RouteOptions<PS, QS, BS, R, A>,
  handler: (ctx: RouteContext<Infer<PS>, Infer<QS>, Infer<BS>, A>) => Promise<Response | HandlerResult<R>>,
) => {
  const successStatus = options.responses && Object.keys(options.responses).length > 0 ? successStatusOf(options.responses) : 200;
  const route = async (req: Request, next?: NextRouteContext): Promise<Response> => {
    try {
      const principal = options.role === "Public" ? undefined : await resolvePrincipal(req);
      // A Power Automate connection's call counts (429 past its limit) before anything else is read.
      if (principal) await enforceConnectionRateLimit(principal);
      if (principal && !hasRole(principal, options.role as Role)) {
        throw new AppError("forbidden", `This action needs the ${options.role} role.`, { reason: "role_required", role: options.role });
      }
      const rawParams = (await next?.params) ?? {};
      const params = options.params ? parseWith(options.params, rawParams, "path") : undefined;
      const url = new URL(req.url);
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(url.searchParams), "query")
        : undefined;
      const body =
        options.body && options.body !== "raw"
          ? parseWith(options.body, await readJsonBody(req), "request body")
          : undefined;

      let instance: ScopedInstance | undefined;
      const instanceId = (rawParams as Record<string, unknown>).instanceId;
      if (typeof instanceId === "string" && principal) {
        instance = await findScopedInstance(principal.tenantId, instanceId);
        if (!instance) throw notFound("instance");
      }

      const headers = new Headers();
      const result = await handler({
        req,
        params: params as Infer<PS>,
        query: query as Infer<QS>,
        body: body as Infer<BS>,
        principal: principal as RouteContext<unknown, unknown, unknown, A>["principal"],
        instance: instance as ScopedInstance,
        audit: (principal && auditContextOf(req, principal)) as RouteContext<unknown, unknown, unknown, A>["audit"],
        headers,
      });
      if (result instanceof Response) return result;
      const extra = Object.fromEntries(headers);
      if (successStatus === 204) return new Response(null, { status: 204, headers: { "cache-control": "private, no-store", ...extra } });
      return json(result, successStatus, extra);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "database_busy") console.warn("API busy", req.method, req.url, (error as Error).message);
      else if (appError.status >= 500) console.error("API error", req.method, req.url, error);
      return errorResponse(appError, bearerChallengeHeaders(appError));
    }
  };
  const descriptor: RouteDescriptor = {
    role: options.role,
    operation: options.operationId ? (options as Operation) : undefined,
    params: options.params,
    query: options.query,
    body: options.body === "raw" ? "raw" : options.body ? "json" : "none",
    bodySchema: options.body && options.body !== "raw" ? options.body : undefined,
  };
  Object.defineProperty(route, ROUTE_WRAPPED, { value: descriptor });
  return route;
};
