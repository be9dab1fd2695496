import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { routeDescriptor } from "./define-route";
import { type CallRouteInit, callRoute } from "./testing/call-route";
import { refusalDescriptor } from "./route-methods";
import { routePatternOf } from "./operation";
import { apiOperations } from "./operations";
import { apiRouteAt, apiRouteTable } from "./route-table";
import { type BadBody, UNKNOWN_ID, badBodies, badQueries, malformedParamSets, scopedParams } from "./testing/malformed-input";
import { type Params, type RouteFile, findRouteFiles, httpMethods, implementedMethods, paramValue, toUrlPath } from "./testing/route-files";

// The API contract, checked over every route file that exists, so a route added later is
// covered without anyone remembering to add it here:
//  (a) every route file exports every HTTP method, each through defineRoute or routeMethods'
//      refusals (405 with Allow; 404 from the catch-all), so Next.js never answers on its own;
//  (b) every route that takes a body answers bad bodies with a 4xx JSON error, never a 500;
//  (c) malformed and unknown path parameters (and malformed query values) answer 4xx JSON;
// and none of those requests writes anything.

useTestDatabase();

const routeFiles = findRouteFiles();

const scoped = (route: RouteFile) => scopedParams(route, DEMO_INSTANCE_ID);

/** Unknown ids everywhere, then (when there is more than the instance) unknown ids inside the seeded instance. */
const unknownParamSets = (route: RouteFile): Params[] => {
  if (route.dynamic.length === 0) return [];
  const everywhere = Object.fromEntries(route.dynamic.map((s) => [s.name, paramValue(s, UNKNOWN_ID)]));
  const hasOtherIds = route.dynamic.some((s) => s.name !== "instanceId");
  return hasOtherIds ? [everywhere, scoped(route)] : [everywhere];
};

const asInit = (bad: BadBody): Pick<CallRouteInit, "rawBody" | "headers"> => ({
  rawBody: bad.body,
  headers: bad.contentType ? { "content-type": bad.contentType } : {},
});

const modelNames = Object.values(Prisma.ModelName);

/** Row counts of every table, so the test sees any write whatever model a route touches. */
const rowCounts = async (): Promise<Record<string, number>> => {
  const db = getDb() as unknown as Record<string, { count(): Promise<number> }>;
  const entries = await Promise.all(
    modelNames.map(async (name) => [name, await db[name.charAt(0).toLowerCase() + name.slice(1)]!.count()] as const),
  );
  return Object.fromEntries(entries);
};

type Handler = Parameters<typeof callRoute>[0];
// As an Admin, so every route (Admin-only ones too) gets past the role check to its input checks.

const expectJsonClientError = (result: Awaited<ReturnType<typeof callRoute>>, what: string) => {
  expect(result.status, `${what}: status (body ${result.text.slice(0, 300)})`).toBeGreaterThanOrEqual(400);
  expect(result.status, `${what}: status (body ${result.text.slice(0, 300)})`).toBeLessThan(500);
  expect(result.headers.get("content-type") ?? "", `${what}: content type`).toContain("application/json");
  const body = result.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  expect(typeof body?.error?.code, `${what}: error.code in ${result.text.slice(0, 300)}`).toBe("string");
  expect(typeof body?.error?.message, `${what}: error.message`).toBe("string");
  expect((body?.error?.message as string).length, `${what}: error.message`).toBeGreaterThan(0);
};

beforeAll(async () => {
  const db = getDb();
  await seedDemoIdentity(db);
  // Something in the tables, so a stray delete would show in the row counts too.
  await db.dataSource.create({
    data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "Orders", kind: "upload", requiredColumns: [] },
  });
  await db.triggerRegistration.create({
    data: {
      id: "trg_contract",
      tenantId: DEMO_TENANT_ID,
      instanceId: DEMO_INSTANCE_ID,
      displayName: "Existing",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: "https://8.8.8.8/hook",
      secretCiphertext: "v1.a.b.c",
      ownerId: "user-contoso-admin",
    },
  });
});

describe("API contract", () => {
  it("finds the route files", () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(routeFiles.map((r) => r.urlPath)).toContain("/api/v1/instances");
  });

  it("lists every route and its methods in route-table.ts, which answers before Next.js routes", async () => {
    // PROPFIND, TRACE and the like get a route's 405 before the route is loaded (answer-before-routing.ts).
    const fromFiles: Record<string, string[]> = {};
    for (const route of routeFiles) {
      const methods = implementedMethods((await import(route.file)) as Record<string, unknown>);
      if (methods.length > 0) fromFiles[route.urlPath] = methods;
    }
    const table = Object.fromEntries(Object.entries(apiRouteTable).map(([pattern, methods]) => [pattern, [...methods].sort()]));
    const sorted = Object.fromEntries(Object.entries(fromFiles).map(([pattern, methods]) => [pattern, [...methods].sort()]));
    expect(table, "update apiRouteTable in lib/api/route-table.ts to this").toEqual(sorted);
    // Each route's own addresses lead back to it (static segments before dynamic ones, as in Next.js).
    for (const route of routeFiles.filter((r) => fromFiles[r.urlPath])) {
      const params = Object.fromEntries(route.dynamic.map((s) => [s.name, paramValue(s, "x1")]));
      expect(apiRouteAt(toUrlPath(route, params))?.pattern, route.urlPath).toBe(route.urlPath);
    }
  });

  it("ties every served method to one operation of lib/api/operations, and serves every operation", async () => {
    const served: string[] = [];
    for (const route of routeFiles) {
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const method of implementedMethods(mod)) {
        const operation = routeDescriptor(mod[method])?.operation;
        const what = `${method} ${route.urlPath}`;
        expect(operation, `${what}: hand defineRoute an operation from lib/api/operations`).toBeDefined();
        expect(apiOperations, `${what}: its operation is not listed in lib/api/operations/index.ts`).toContain(operation);
        expect(`${operation!.method} ${routePatternOf(operation!.path)}`, `${what}: its operation says another address`).toBe(what);
        served.push(operation!.operationId);
      }
    }
    expect(apiOperations.map((o) => o.operationId).sort(), "operations no route file serves").toEqual(served.sort());
  });

  it("has the route table the operations imply (proxy.ts reads the table, which stays free of zod)", () => {
    const fromOperations: Record<string, string[]> = {};
    for (const operation of apiOperations) (fromOperations[routePatternOf(operation.path)] ??= []).push(operation.method);
    const sortedOf = (table: Record<string, readonly string[]>) =>
      Object.fromEntries(Object.entries(table).map(([pattern, methods]) => [pattern, [...methods].sort()] as const));
    expect(sortedOf(apiRouteTable), "update apiRouteTable in lib/api/route-table.ts to this").toEqual(sortedOf(fromOperations));
  });

  describe.each(routeFiles)("$urlPath", (route) => {
    it("exports every HTTP method, each made by defineRoute or a refusal from routeMethods", async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      // A method left unexported would be answered by Next.js itself: an empty 405 without
      // Allow, or a 204 to OPTIONS, instead of the JSON error body.
      for (const method of httpMethods) {
        const handler = mod[method];
        expect(typeof handler, `${route.urlPath} does not export ${method} (use routeMethods)`).toBe("function");
        const wrapped = routeDescriptor(handler) !== undefined || refusalDescriptor(handler) !== undefined;
        expect(wrapped, `${method} ${route.urlPath} is made neither by defineRoute nor by routeMethods`).toBe(true);
      }
      const served = httpMethods.filter((method) => !refusalDescriptor(mod[method]));
      const refusals = httpMethods.map((method) => refusalDescriptor(mod[method])).filter((r) => r !== undefined);
      if (served.length === 0) {
        // Only a catch-all may serve nothing: it is the 404 of every address no route serves.
        expect(route.dynamic.at(-1)?.kind, `${route.urlPath} serves no method`).toMatch(/catchAll/i);
        for (const r of refusals) expect(r).toEqual({ answers: "not_found" });
        return;
      }
      // The Allow list is the module's own served methods, read here from its exports.
      for (const r of refusals) expect(r, route.urlPath).toEqual({ answers: "method_not_allowed", allow: [...served].sort() });
    });

    it("answers each method it does not serve with a 405 JSON error and Allow, with or without a token", async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const served = httpMethods.filter((method) => !refusalDescriptor(mod[method]));
      const params = scoped(route);
      for (const method of httpMethods.filter((m) => refusalDescriptor(mod[m]))) {
        for (const as of ["Admin", null] as const) {
          const result = await callRoute(mod[method] as Handler, { as, method, path: toUrlPath(route, params), params });
          const what = `${method} ${route.urlPath} as ${as ?? "nobody"}`;
          expectJsonClientError(result, what);
          if (served.length === 0) {
            expect(result.status, what).toBe(404);
            expect(result.json.error.code, what).toBe("not_found");
          } else {
            expect(result.status, what).toBe(405);
            expect(result.json.error.code, what).toBe("method_not_allowed");
            expect(result.headers.get("allow"), what).toBe([...served].sort().join(", "));
          }
        }
      }
    });

    it("answers bad input with a 4xx JSON error and writes nothing", async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const before = await rowCounts();
      for (const method of implementedMethods(mod)) {
        const handler = mod[method] as Handler;
        const descriptor = routeDescriptor(handler);
        if (!descriptor) continue; // reported by the test above
        const label = (what: string) => `${method} ${route.urlPath} — ${what}`;
        // Bodied routes get a valid-looking JSON object where a body is read, so the failure
        // is the parameter's; bodiless ones get none.
        const filler = descriptor.body === "none" ? {} : { body: {} };

        for (const params of malformedParamSets(route, DEMO_INSTANCE_ID)) {
          const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...filler });
          expectJsonClientError(result, label(`malformed params ${JSON.stringify(params).slice(0, 80)}`));
        }
        for (const params of unknownParamSets(route)) {
          const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...filler });
          // An operation that declares it (Power Automate's repeatable unsubscribe) answers an
          // unknown id in a known instance as a deleted one; an unknown instance is still a 404.
          const idempotent = descriptor.operation?.unknownIdAnswers;
          if (idempotent && params.instanceId === DEMO_INSTANCE_ID) {
            expect(result.status, label(`unknown ids ${JSON.stringify(params)}`)).toBe(idempotent);
            continue;
          }
          expectJsonClientError(result, label(`unknown ids ${JSON.stringify(params)}`));
        }
        if (descriptor.body !== "none") {
          const params = scoped(route);
          for (const bad of badBodies(descriptor)) {
            const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...asInit(bad) });
            expectJsonClientError(result, label(bad.label));
          }
        }
        for (const query of badQueries(descriptor)) {
          const params = scoped(route);
          const result = await callRoute(handler, { as: "Admin", method, path: `${toUrlPath(route, params)}?${query}`, params, ...filler });
          expectJsonClientError(result, label(`query ${query}`));
        }
      }
      expect(await rowCounts(), `${route.urlPath}: bad requests wrote to the database`).toEqual(before);
    });
  });
});
