import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { MAX_JSON_BODY_BYTES, type RouteDescriptor, routeDescriptor } from "./define-route";
import { type CallRouteInit, callRoute } from "./testing/call-route";
import { type Params, type RouteFile, findRouteFiles, httpMethods, paramValue, toUrlPath } from "./testing/route-files";

// The API contract, checked over every route file that exists, so a route added later is
// covered without anyone remembering to add it here:
//  (a) every exported HTTP method goes through defineRoute;
//  (b) every route that takes a body answers bad bodies with a 4xx JSON error, never a 500;
//  (c) malformed and unknown path parameters (and malformed query values) answer 4xx JSON;
// and none of those requests writes anything.

useTestDatabase();

const routeFiles = findRouteFiles();

const UNKNOWN_ID = "zz-unknown-0000";

/** The seeded instance, so instance scoping passes, and unknown (well-formed) ids for the rest. */
const scopedParams = (route: RouteFile): Params =>
  Object.fromEntries(
    route.dynamic.map((s) => [s.name, paramValue(s, s.name === "instanceId" ? DEMO_INSTANCE_ID : UNKNOWN_ID)]),
  );

const malformedValues = ["../x", "x".repeat(300), "a b", "%2e%2e%2fetc", "<script>", ""];

/** One parameter malformed at a time, the others as in scopedParams. */
const malformedParamSets = (route: RouteFile): Params[] =>
  route.dynamic.flatMap((target) =>
    malformedValues.map((bad) => ({ ...scopedParams(route), [target.name]: paramValue(target, bad) })),
  );

/** Unknown ids everywhere, then (when there is more than the instance) unknown ids inside the seeded instance. */
const unknownParamSets = (route: RouteFile): Params[] => {
  if (route.dynamic.length === 0) return [];
  const everywhere = Object.fromEntries(route.dynamic.map((s) => [s.name, paramValue(s, UNKNOWN_ID)]));
  const hasOtherIds = route.dynamic.some((s) => s.name !== "instanceId");
  return hasOtherIds ? [everywhere, scopedParams(route)] : [everywhere];
};

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; enum?: unknown[] };

const toJsonSchema = (schema: z.ZodType | undefined): JsonSchema | undefined => {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema;
  } catch {
    return undefined;
  }
};

/** A value of the wrong type for a property: a number where a string is expected, and so on. */
const wrongValueFor = (property: JsonSchema): unknown => {
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  if (property.enum) return { notOneOf: property.enum.slice(0, 1) };
  switch (type) {
    case "string":
      return 12345;
    case "number":
    case "integer":
      return "not a number";
    case "boolean":
      return "yes";
    case "array":
      return { notAnArray: true };
    case "object":
      return 12345;
    default:
      return [[{ unexpected: true }]];
  }
};

const wrongTypesBody = (descriptor: RouteDescriptor): Record<string, unknown> => {
  const properties = toJsonSchema(descriptor.bodySchema)?.properties;
  if (properties && Object.keys(properties).length > 0) {
    return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, wrongValueFor(property)]));
  }
  return { id: 12345, name: 12345, type: { unexpected: true }, displayName: false, parameters: "x", callbackUrl: 3 };
};

/** Query strings with a value that cannot satisfy the declared type, when the route declares a typed query. */
const badQueries = (descriptor: RouteDescriptor): string[] => {
  const properties = toJsonSchema(descriptor.query)?.properties ?? {};
  const queries: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    if (property.enum) queries.push(`${encodeURIComponent(key)}=%00not-an-option`);
    else if (type === "number" || type === "integer") {
      queries.push(`${encodeURIComponent(key)}=not-a-number`, `${encodeURIComponent(key)}=-99999999999`);
    } else if (type === "boolean") queries.push(`${encodeURIComponent(key)}=perhaps`);
  }
  return queries;
};

const badBodies = (descriptor: RouteDescriptor): { label: string; init: Pick<CallRouteInit, "rawBody" | "headers"> }[] => {
  const asJson = { "content-type": "application/json" };
  return [
    { label: "malformed JSON", init: { rawBody: '{"displayName": "x",', headers: asJson } },
    { label: "wrong content type", init: { rawBody: JSON.stringify({ displayName: "x" }), headers: { "content-type": "text/plain" } } },
    { label: "form content type", init: { rawBody: "displayName=x", headers: { "content-type": "application/x-www-form-urlencoded" } } },
    { label: "empty body", init: { rawBody: "", headers: asJson } },
    { label: "JSON array", init: { rawBody: JSON.stringify([{ displayName: "x" }]), headers: asJson } },
    { label: "JSON null", init: { rawBody: "null", headers: asJson } },
    { label: "JSON string", init: { rawBody: JSON.stringify("hello"), headers: asJson } },
    { label: "object of wrong types", init: { rawBody: JSON.stringify(wrongTypesBody(descriptor)), headers: asJson } },
    { label: "oversized body", init: { rawBody: `{"x":"${"a".repeat(MAX_JSON_BODY_BYTES + 10)}"}`, headers: asJson } },
  ];
};

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

  describe.each(routeFiles)("$urlPath", (route) => {
    it("exports only HTTP methods made by defineRoute", async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const methods = httpMethods.filter((method) => method in mod);
      expect(methods.length, `${route.urlPath} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of methods) {
        expect(routeDescriptor(mod[method]), `${method} ${route.urlPath} is not wrapped with defineRoute`).toBeDefined();
      }
    });

    it("answers bad input with a 4xx JSON error and writes nothing", async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const before = await rowCounts();
      for (const method of httpMethods.filter((m) => m in mod)) {
        const handler = mod[method] as Handler;
        const descriptor = routeDescriptor(handler);
        if (!descriptor) continue; // reported by the test above
        const label = (what: string) => `${method} ${route.urlPath} — ${what}`;
        // Bodied routes get a valid-looking JSON object where a body is read, so the failure
        // is the parameter's; bodiless ones get none.
        const filler = descriptor.body === "none" ? {} : { body: {} };

        for (const params of malformedParamSets(route)) {
          const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...filler });
          expectJsonClientError(result, label(`malformed params ${JSON.stringify(params).slice(0, 80)}`));
        }
        for (const params of unknownParamSets(route)) {
          const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...filler });
          expectJsonClientError(result, label(`unknown ids ${JSON.stringify(params)}`));
        }
        if (descriptor.body !== "none") {
          const params = scopedParams(route);
          for (const bad of badBodies(descriptor)) {
            const result = await callRoute(handler, { as: "Admin", method, path: toUrlPath(route, params), params, ...bad.init });
            expectJsonClientError(result, label(bad.label));
          }
        }
        for (const query of badQueries(descriptor)) {
          const params = scopedParams(route);
          const result = await callRoute(handler, { as: "Admin", method, path: `${toUrlPath(route, params)}?${query}`, params, ...filler });
          expectJsonClientError(result, label(`query ${query}`));
        }
      }
      expect(await rowCounts(), `${route.urlPath}: bad requests wrote to the database`).toEqual(before);
    });
  });
});
