import type { APIRequestContext, APIResponse } from "@playwright/test";
import { type RouteDescriptor, routeDescriptor } from "../lib/api/define-route";
import { type ErrorCode, errorStatus } from "../lib/errors/app-error";
import { refusalDescriptor } from "../lib/api/route-methods";
import {
  type BadBody,
  badBodies,
  badQueries,
  malformedParamSets,
  malformedParamValues,
  scopedParams,
  undecodableEscapes,
} from "../lib/api/testing/malformed-input";
import {
  type HttpMethod,
  type RouteFile,
  findRouteFiles,
  httpMethods,
  implementedMethods,
  routePattern,
  toUrlPath,
} from "../lib/api/testing/route-files";
import { signInForAccessToken } from "./fixtures/identity";
import { securityHeaderProblems } from "./fixtures/security-headers";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The malformed-input sweep over HTTP, against the production server: every route file under
// app/api (found on disk) × every HTTP method, served or not, signed in as an Admin and without
// a token. Malformed path parameters, undecodable escapes in each path segment, malformed
// queries and bodies, and unknown addresses must all get a 4xx (never a 5xx, never a 2xx) with
// the JSON error body of a known code and the security headers.

type Route = RouteFile & {
  /** Methods the module really serves (HEAD too where GET is served); the rest must answer 405. */
  served: HttpMethod[];
  descriptors: Partial<Record<HttpMethod, RouteDescriptor>>;
  /** The catch-all that answers 404 for addresses no route serves. */
  unknownAddresses: boolean;
};

const routes: Route[] = await Promise.all(
  findRouteFiles().map(async (file) => {
    const mod = (await import(file.file)) as Record<string, unknown>;
    const implemented = implementedMethods(mod);
    const served = implemented.includes("GET") && !implemented.includes("HEAD") ? [...implemented, "HEAD" as const] : implemented;
    const descriptors = Object.fromEntries(served.map((m) => [m, routeDescriptor(mod[m] ?? mod.GET)]));
    const unknownAddresses = httpMethods.every((m) => refusalDescriptor(mod[m])?.answers === "not_found");
    return { ...file, served, descriptors, unknownAddresses };
  }),
);

/** Request parameters and what must come back. */
type Case = {
  label: string;
  path: string;
  body?: BadBody;
  expect: { status?: number; code?: ErrorCode; allow?: string; notAuthError?: boolean };
};

const knownCodes = new Set(Object.keys(errorStatus));

let adminToken = "";

/** Every way one answer breaks the rule, as readable lines (empty when it keeps it). */
const problemsOf = async (response: APIResponse, method: string, c: Case): Promise<string[]> => {
  const status = response.status();
  const headers = response.headers();
  const text = method === "HEAD" ? "" : await response.text();
  const where = `${method} ${c.path.slice(0, 160)} [${c.label}] → ${status}`;
  const problems: string[] = [];
  if (status < 400 || status >= 500) problems.push(`${where}: not a 4xx (${text.slice(0, 120)})`);
  if (c.expect.status && status !== c.expect.status) problems.push(`${where}: expected ${c.expect.status}`);
  if (c.expect.notAuthError && (status === 401 || status === 403)) problems.push(`${where}: an Admin was refused`);
  if (c.expect.allow !== undefined && headers.allow !== c.expect.allow) problems.push(`${where}: Allow "${headers.allow}", expected "${c.expect.allow}"`);
  if (!(headers["content-type"] ?? "").includes("application/json")) problems.push(`${where}: content type ${headers["content-type"]}`);
  for (const missing of securityHeaderProblems(headers)) problems.push(`${where}: security header ${missing}`);
  if (method === "HEAD") return problems; // no body to read
  let code: unknown;
  let message: unknown;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    code = body.error?.code;
    message = body.error?.message;
  } catch {
    problems.push(`${where}: body is not JSON (${text.slice(0, 120)})`);
    return problems;
  }
  if (typeof code !== "string" || !knownCodes.has(code)) problems.push(`${where}: unknown error code ${String(code)}`);
  else if (errorStatus[code as ErrorCode] !== status) problems.push(`${where}: code ${code} does not map to ${status}`);
  if (c.expect.code && code !== c.expect.code) problems.push(`${where}: code ${String(code)}, expected ${c.expect.code}`);
  if (typeof message !== "string" || !message) problems.push(`${where}: no message`);
  return problems;
};

const send = (request: APIRequestContext, method: string, c: Case, token: string | null) =>
  request.fetch(c.path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(c.body?.contentType ? { "content-type": c.body.contentType } : {}),
    },
    ...(c.body ? { data: Buffer.from(c.body.body) } : {}),
    maxRedirects: 0,
    timeout: 60_000,
  });

/** Runs the cases a few at a time (the server is shared by the machine) and collects every problem. */
const sweep = async (request: APIRequestContext, method: string, cases: Case[], token: string | null) => {
  const problems: string[] = [];
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        problems.push(...(await problemsOf(await send(request, method, c, token), method, c)));
      } catch (error) {
        problems.push(`${method} ${c.path.slice(0, 160)} [${c.label}]: no answer (${error instanceof Error ? error.message : error})`);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return problems;
};

/**
 * The path with one segment spoiled by an undecodable escape, for each segment after /api and
 * each escape (spoiling "api" itself leaves the API: /api%ZZ is a page address).
 */
const escapedPaths = (path: string) => {
  const segments = path.split("/");
  return segments.flatMap((segment, index) =>
    index < 2 ? [] : undecodableEscapes.map((escape) => ({ index, escape, path: segments.map((s, i) => (i === index ? `${s}${escape}` : s)).join("/") })),
  );
};

/**
 * Methods no route handler can serve: PROPFIND and the like are answered by proxy.ts, TRACE (which
 * the Fetch API refuses) by the web server in front of Next.js; both with the route's 405 and Allow.
 */
const otherMethods = ["PROPFIND", "TRACE"] as const;

/** The cases of one route × method, and what each must answer for this caller. */
const casesFor = (route: Route, method: HttpMethod | (typeof otherMethods)[number], signedIn: boolean): Case[] => {
  const validPath = toUrlPath(route, scopedParams(route, DEMO_INSTANCE_ID));
  const descriptor = route.descriptors[method as HttpMethod];
  const served = route.served.includes(method as HttpMethod);
  // What the route itself answers (before it looks at the input, for a refusal or no token).
  const answer: Case["expect"] = route.unknownAddresses
    ? { status: 404, code: "not_found" }
    : !served
      ? { status: 405, code: "method_not_allowed", allow: [...route.served].sort().join(", ") }
      : !signedIn && descriptor?.role !== "Public"
        ? { status: 401, code: "unauthorized" }
        : { notAuthError: true };
  // A refusal (404, 405, 401) is decided before the input is read, so one case of each kind shows
  // it holds for that kind; the full sweep runs where the route reads the input. The in-process
  // contract test (lib/api/routes.int.test.ts) runs every input against every handler.
  const readsInput = answer.notAuthError === true;
  const sample = <T>(items: T[]) => (readsInput ? items : items.slice(0, 1));
  const cases: Case[] = [];
  // Over HTTP an empty segment is "//", which Next redirects: a different address, not a value.
  for (const params of sample(malformedParamSets(route, DEMO_INSTANCE_ID, malformedParamValues.filter(Boolean)))) {
    cases.push({ label: `malformed params ${JSON.stringify(params).slice(0, 60)}`, path: toUrlPath(route, params), expect: answer });
  }
  // Answered before routing, whoever asks and whatever the method: every segment once per method
  // and caller, every escape where the route reads its input.
  const escapes = escapedPaths(validPath);
  for (const spoiled of readsInput ? escapes : escapes.filter((e) => e.escape === undecodableEscapes[0])) {
    cases.push({ label: `escape ${spoiled.escape} in segment ${spoiled.index}`, path: spoiled.path, expect: { status: 400, code: "bad_request" } });
  }
  for (const query of sample(descriptor ? badQueries(descriptor) : ["limit=%ZZ", "%ZZ=%E0%A4&%=%"])) {
    cases.push({ label: `query ${query}`, path: `${validPath}?${query}`, expect: answer });
  }
  if ((!descriptor || descriptor.body !== "none") && method !== "GET" && method !== "HEAD") {
    // fetch sends no body with GET and HEAD
    for (const body of sample(badBodies(descriptor ?? { role: "Viewer", body: "json" }))) {
      cases.push({ label: `body: ${body.label}`, path: validPath, body, expect: answer });
    }
  }
  return cases;
};

test.describe("malformed input over HTTP", () => {
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    adminToken = await signInForAccessToken(page, "admin");
    await page.close();
  });

  test("finds the route files and the Admin's token works (so the sweep gets past sign-in)", async ({ request }) => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.unknownAddresses).map((r) => r.urlPath)).toEqual(["/api/[[...path]]"]);
    const response = await request.get("/api/v1/audit-log", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status(), await response.text()).toBe(200);
  });

  for (const route of routes) {
    for (const method of [...httpMethods, ...otherMethods]) {
      test(`${method} ${route.urlPath}`, async ({ request }) => {
        const problems = [
          ...(await sweep(request, method, casesFor(route, method, true), adminToken)),
          ...(await sweep(request, method, casesFor(route, method, false), null)),
        ];
        expect(problems, problems.slice(0, 40).join("\n")).toEqual([]);
      });
    }
  }

  test("a query a route does not declare is ignored, escapes and all", async ({ request }) => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.served.includes("GET") && !r.descriptors.GET?.query)) {
      const path = toUrlPath(route, scopedParams(route, DEMO_INSTANCE_ID));
      const headers = { authorization: `Bearer ${adminToken}` };
      const plain = await request.get(path, { headers });
      const junk = await request.get(`${path}?%ZZ=%E0%A4&%=%&limit=%ED%A0%80`, { headers });
      if (junk.status() !== plain.status()) problems.push(`${path}: ${plain.status()} without the query, ${junk.status()} with it`);
      if (junk.status() >= 500) problems.push(`${path}: ${junk.status()}`);
      problems.push(...securityHeaderProblems(junk.headers()).map((p) => `${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  test("unknown addresses under /api answer 404 JSON to every method", async ({ request }) => {
    const servedPatterns = routes.filter((r) => !r.unknownAddresses).map(routePattern);
    const candidates = new Set(["/api", "/api/v2/instances", "/api/v1", `/api/v1/instances/${DEMO_INSTANCE_ID}`]);
    for (const route of routes.filter((r) => !r.unknownAddresses)) {
      const path = toUrlPath(route, scopedParams(route, DEMO_INSTANCE_ID));
      candidates.add(`${path}/no-such-thing`);
      // Each segment after /api misspelt in turn.
      const segments = path.split("/");
      for (let index = 2; index < segments.length; index++) {
        candidates.add(segments.map((s, i) => (i === index ? `${s}-x` : s)).join("/"));
      }
    }
    // Only addresses that really match no route (a misspelt id is a known route's 404).
    const unknown = [...candidates].filter((p) => !servedPatterns.some((pattern) => pattern.test(p)));
    expect(unknown.length).toBeGreaterThan(10);
    // Every address once, each with the next method in turn (so every method meets many
    // addresses), as an Admin and without a token.
    const methods = [...httpMethods, ...otherMethods];
    const problems: string[] = [];
    for (const [m, method] of methods.entries()) {
      const cases = unknown
        .filter((_, index) => index % methods.length === m)
        .map((path): Case => ({ label: "unknown address", path, expect: { status: 404, code: "not_found" } }));
      for (const token of [adminToken, null]) problems.push(...(await sweep(request, method, cases, token)));
    }
    expect(problems, problems.slice(0, 40).join("\n")).toEqual([]);
  });
});
