import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { MAX_JSON_BODY_BYTES, defineRoute, json, routeDescriptor } from "./define-route";
import { AppError } from "../errors/app-error";
import { defineOperation } from "./operation";
import { callRoute } from "./testing/call-route";

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

const ZBody = z.object({ name: z.string().min(1) }).strict();
const echo = defineRoute(
  { role: "Contributor", params: z.object({ instanceId: z.string().max(64) }), query: z.object({ n: z.coerce.number().optional() }), body: ZBody },
  async ({ body, query, instance }) => json({ body, query, instance }, 201),
);

const post = (init: Parameters<typeof callRoute>[1]) =>
  callRoute(echo, { method: "POST", params: { instanceId: DEMO_INSTANCE_ID }, ...init });

describe("defineRoute", () => {
  it("describes itself for the contract test", () => {
    expect(routeDescriptor(echo)).toMatchObject({ role: "Contributor", body: "json", bodySchema: ZBody });
    expect(routeDescriptor(defineRoute({ role: "Viewer", body: "raw" }, async () => null))?.body).toBe("raw");
    expect(routeDescriptor(defineRoute({ role: "Viewer" }, async () => null))?.body).toBe("none");
    expect(routeDescriptor(async () => new Response())).toBeUndefined();
  });

  it("passes parsed input and the scoped instance to the handler", async () => {
    const result = await post({ path: "/x?n=3", body: { name: "a" } });
    expect(result.status).toBe(201);
    expect(result.json).toEqual({
      body: { name: "a" },
      query: { n: 3 },
      instance: { id: DEMO_INSTANCE_ID, tenantId: "contoso", name: "Contoso Retail" },
    });
    expect(result.headers.get("cache-control")).toBe("private, no-store");
  });

  it.each([
    ["malformed JSON", { rawBody: "{", headers: { "content-type": "application/json" } }, 400, "invalid_json"],
    ["empty body", { rawBody: " ", headers: { "content-type": "application/json" } }, 400, "invalid_json"],
    ["text body", { rawBody: '{"name":"a"}', headers: { "content-type": "text/plain" } }, 415, "unsupported_media_type"],
    ["no content type", { rawBody: '{"name":"a"}' }, 415, "unsupported_media_type"],
    ["array", { body: [1] }, 422, "validation_failed"],
    ["unknown key", { body: { name: "a", admin: true } }, 422, "validation_failed"],
    [
      "oversized",
      { rawBody: JSON.stringify({ name: "a".repeat(MAX_JSON_BODY_BYTES) }), headers: { "content-type": "application/json" } },
      413,
      "payload_too_large",
    ],
  ] as const)("answers a %s body with %i %s", async (_, init, status, code) => {
    const result = await post({ ...init });
    expect(result.status).toBe(status);
    expect(result.json.error.code).toBe(code);
  });

  it("names the failing field of a validation error", async () => {
    const result = await post({ body: { name: "" } });
    expect(result.status).toBe(422);
    expect(result.json.error.details.issues[0].path).toBe("name");
    expect(result.json.error.message).toContain("name");
  });

  it("answers 404 for an instance of another tenant or none", async () => {
    await getDb().tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
    await getDb().instance.create({ data: { id: "fabrikam-main", tenantId: "fabrikam", name: "Fabrikam" } });
    for (const instanceId of ["fabrikam-main", "nope"]) {
      const result = await post({ params: { instanceId }, body: { name: "a" } });
      expect(result.status).toBe(404);
      expect(result.json.error.code).toBe("not_found");
    }
  });

  it("refuses a role below the route's", async () => {
    const result = await post({ body: { name: "a" }, as: "Viewer" });
    expect(result.status).toBe(403);
    expect(result.json.error.code).toBe("forbidden");
    expect(result.headers.get("www-authenticate")).toBeNull();
  });

  it("keeps unexpected errors opaque and passes AppErrors through", async () => {
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const crash = defineRoute({ role: "Viewer" }, async () => {
        throw new Error("connection string postgres://secret@db");
      });
      const crashed = await callRoute(crash);
      expect(crashed.status).toBe(500);
      expect(crashed.json.error.code).toBe("internal_error");
      expect(crashed.text).not.toContain("secret@db");
      expect(errorSpy).toHaveBeenCalled();
    } finally {
      errorSpy.mockRestore();
    }
    const conflict = defineRoute({ role: "Viewer" }, async () => {
      throw new AppError("conflict", "Already paused.", { status: "paused" });
    });
    const result = await callRoute(conflict);
    expect(result.status).toBe(409);
    expect(result.json).toEqual({ error: { code: "conflict", message: "Already paused.", details: { status: "paused" } } });
  });
});

describe("defineRoute with an operation", () => {
  const created = defineOperation({
    operationId: "CreateThing",
    method: "POST",
    path: "/api/v1/things",
    tags: ["Things"],
    summary: "Create a thing",
    role: "Viewer",
    responses: { 201: z.object({ thing: z.string() }) },
  });

  it("sends a plain result with the operation's success status, and keeps the operation on the handler", async () => {
    const route = defineRoute(created, async () => ({ thing: "made" }));
    const result = await callRoute(route, { as: "Viewer", method: "POST" });
    expect(result.status).toBe(201);
    expect(result.json).toEqual({ thing: "made" });
    expect(routeDescriptor(route)?.operation).toBe(created);
  });

  it("answers 204 without a body when the operation's success is a 204 and the handler returns nothing", async () => {
    const route = defineRoute({ ...created, responses: { 204: null } }, async () => {});
    const result = await callRoute(route, { as: "Viewer", method: "POST" });
    expect(result.status).toBe(204);
    expect(result.text).toBe("");
    expect(result.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers a public operation without a token, and ignores a bad one", async () => {
    const route = defineRoute({ ...created, role: "Public" }, async ({ principal, audit }) => ({ thing: `${principal === undefined}/${audit === undefined}` }));
    for (const headers of [{}, { authorization: "Bearer not-a-jwt" }] as Record<string, string>[]) {
      const result = await callRoute(route, { as: null, method: "POST", headers });
      expect(result.status, result.text).toBe(201);
      expect(result.json).toEqual({ thing: "true/true" });
    }
  });

  it("still refuses a token-less call to an operation that needs a role", async () => {
    const result = await callRoute(defineRoute(created, async () => ({ thing: "made" })), { as: null, method: "POST" });
    expect(result.status).toBe(401);
  });
});
