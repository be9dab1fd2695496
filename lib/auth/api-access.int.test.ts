import { generateKeyPair, exportSPKI, SignJWT, base64url } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { routeDescriptor } from "../api/define-route";
import { type CallRouteInit, type RouteResult, callRoute } from "../api/testing/call-route";
import {
  type HttpMethod,
  type Params,
  type RouteFile,
  implementedMethods,
  findRouteFiles,
  paramValue,
  toUrlPath,
} from "../api/testing/route-files";
import { getAuthConfig } from "./auth-config";
import { TEST_IDENTITIES, TEST_KEY_ID, type TestIdentity, mintAccessToken, testSigningKeys } from "./testing/test-tokens";

// Access control over EVERY route file under app/api (found on disk, so a new route is covered
// without being listed): bad tokens → 401 with a Bearer challenge, and Fabrikam's admin on
// Contoso's records → 404, none of those requests writing anything. Who may call what is
// route-roles.int.test.ts (a hand-written table, not the routes' own declarations); lists that
// hold both tenants' rows are tenant-isolation.int.test.ts.

useTestDatabase();

const FABRIKAM_TENANT_ID = "fabrikam";
const FABRIKAM_INSTANCE_ID = "fabrikam-outdoor";

/** Real records in both tenants; a route param name maps to the record of its kind. */
const contosoIds = {
  instanceId: DEMO_INSTANCE_ID,
  registrationId: "reg_contoso_access",
  dataSourceId: "ds_contoso_access",
  deliveryId: "dlv_contoso_access",
  runId: "run_contoso_access",
  profileId: "prof_contoso_access",
  segmentId: "seg_contoso_access",
  measureId: "msr_contoso_access",
  jobId: "rjob_contoso_access",
  subscriptionId: "reg_contoso_access",
  destinationId: "dst_contoso_access",
};
const fabrikamIds = {
  instanceId: FABRIKAM_INSTANCE_ID,
  registrationId: "reg_fabrikam_access",
  dataSourceId: "ds_fabrikam_access",
  deliveryId: "dlv_fabrikam_access",
  runId: "run_fabrikam_access",
  profileId: "prof_fabrikam_access",
  segmentId: "seg_fabrikam_access",
  measureId: "msr_fabrikam_access",
  jobId: "rjob_fabrikam_access",
  subscriptionId: "reg_fabrikam_access",
  destinationId: "dst_fabrikam_access",
};
type IdSet = typeof contosoIds;

const routes = findRouteFiles();

const paramsFrom = (route: RouteFile, ids: Partial<IdSet>): Params =>
  Object.fromEntries(
    route.dynamic.map((segment) => {
      const id = ids[segment.name as keyof IdSet];
      if (!id) throw new Error(`${route.urlPath}: add a record for path parameter "${segment.name}" to api-access.int.test.ts`);
      return [segment.name, paramValue(segment, id)];
    }),
  );

const SAMPLE_CALLBACK = "https://8.8.8.8/access-test";
const SAMPLE_RULE = { combinator: "and", conditions: [{ attribute: "firstName", operator: "eq", value: "Contoso only" }] };

/**
 * A body that passes validation for each bodied route, so that a refusal is the access check's
 * and not the body's. A new bodied route fails the test until it gets one here.
 */
const validBodies: Record<string, Pick<CallRouteInit, "body" | "rawBody" | "headers">> = {
  "POST /api/v1/instances/[instanceId]/trigger-registrations": {
    body: { displayName: "Hijack", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: SAMPLE_CALLBACK },
  },
  "POST /api/v1/instances/[instanceId]/trigger-registrations/test-fire": {
    body: { type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: SAMPLE_CALLBACK },
  },
  "POST /api/v1/instances/[instanceId]/trigger-registrations/preview": {
    body: { type: "datasource.refresh.failed", parameters: { dataSourceId: null }, destinationType: "teams" },
  },
  "PATCH /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]": { body: { displayName: "Hijacked" } },
  "POST /api/v1/instances/[instanceId]/subscriptions/data-source-refresh-failed": { body: { dataSourceId: null, callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/subscriptions/data-source-refresh-succeeded": { body: { callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/subscriptions/segment-threshold-crossed": { body: { segmentId: "seg_contoso_access", threshold: 10, callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/subscriptions/measure-threshold-crossed": { body: { measureId: "msr_contoso_access", threshold: 10, callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/subscriptions/full-refresh-completed": { body: { submissionKind: "scheduled", callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/subscriptions/unification-completed": { body: { callbackUrl: SAMPLE_CALLBACK } },
  "POST /api/v1/instances/[instanceId]/destinations": { body: { displayName: "Hijack", type: "webhook", endpoint: SAMPLE_CALLBACK } },
  "PATCH /api/v1/instances/[instanceId]/destinations/[destinationId]": { body: { displayName: "Hijacked" } },
  "PUT /api/v1/instances/[instanceId]/unification/config": {
    body: { customAttributes: [{ name: "hijacked", type: "text" }], sources: [], rules: [], mergePolicies: {}, defaultPhoneCountry: "ES" },
  },
  "POST /api/v1/instances/[instanceId]/data-sources": { body: { kind: "upload", name: "Hijack", requiredColumns: [] } },
  "POST /api/v1/instances/[instanceId]/segments": { body: { name: "Hijack", rule: SAMPLE_RULE } },
  "POST /api/v1/instances/[instanceId]/segments/preview": { body: { rule: SAMPLE_RULE } },
  "PATCH /api/v1/instances/[instanceId]/segments/[segmentId]": { body: { name: "Hijacked" } },
  "POST /api/v1/instances/[instanceId]/measures": { body: { name: "Hijack", aggregation: "count" } },
  "PATCH /api/v1/instances/[instanceId]/measures/[measureId]": { body: { name: "Hijacked" } },
  "PUT /api/v1/instances/[instanceId]/refresh-schedule": { body: { enabled: true, cronExpressions: ["* * * * *"], timeZone: "UTC" } },
  "POST /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/uploads": {
    rawBody: "email,amount\nx@example.com,1\n",
    headers: { "content-type": "text/csv" },
  },
};

type Handler = Parameters<typeof callRoute>[0];
type Endpoint = { route: RouteFile; method: HttpMethod; handler: Handler; body: "json" | "raw" | "none" };

const endpoints: Endpoint[] = [];
/** Operations that answer without a token (the API description): checked to answer anybody alike. */
const publicEndpoints: Endpoint[] = [];
for (const route of routes) {
  const mod = (await import(route.file)) as Record<string, unknown>;
  for (const method of implementedMethods(mod)) {
    const descriptor = routeDescriptor(mod[method]);
    // An unwrapped export is reported by the API contract test (routes.int.test.ts).
    if (!descriptor) continue;
    (descriptor.role === "Public" ? publicEndpoints : endpoints).push({ route, method, handler: mod[method] as Handler, body: descriptor.body });
  }
}

const label = (e: Endpoint) => `${e.method} ${e.route.urlPath}`;

const bodyFor = (e: Endpoint): Pick<CallRouteInit, "body" | "rawBody" | "headers"> => {
  if (e.body === "none") return {};
  const sample = validBodies[label(e)];
  if (!sample) throw new Error(`${label(e)}: add a valid sample body to validBodies in api-access.int.test.ts`);
  return sample;
};

const call = (e: Endpoint, ids: Partial<IdSet>, init: Partial<CallRouteInit>) => {
  const params = paramsFrom(e.route, ids);
  return callRoute(e.handler, { method: e.method, path: toUrlPath(e.route, params), params, ...bodyFor(e), ...init });
};

const modelNames = Object.values(Prisma.ModelName);

/** Every table's rows, so a test sees any write (insert, update or delete) whatever model a route touches. */
const snapshot = async () => {
  const db = getDb() as unknown as Record<string, { findMany(args?: unknown): Promise<unknown[]> }>;
  const entries = await Promise.all(
    modelNames.map(async (name) => {
      const rows = await db[name.charAt(0).toLowerCase() + name.slice(1)]!.findMany();
      return [name, JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())] as const;
    }),
  );
  return Object.fromEntries(entries);
};

const seedRecords = async (tenantId: string, ids: IdSet, marker: string, prefix: string) => {
  const db = getDb();
  await db.dataSource.create({
    data: { id: ids.dataSourceId, tenantId, instanceId: ids.instanceId, name: marker, kind: "upload", requiredColumns: [] },
  });
  // A refresh run under the same id as the unification run below: each route reads its own table.
  await db.dataSourceRun.create({ data: { id: ids.runId, tenantId, instanceId: ids.instanceId, dataSourceId: ids.dataSourceId, status: "successful" } });
  await db.triggerRegistration.create({
    data: {
      id: ids.registrationId,
      tenantId,
      instanceId: ids.instanceId,
      displayName: marker,
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: SAMPLE_CALLBACK,
      secretCiphertext: "v1.a.b.c",
      ownerId: `user-${prefix}-admin`,
    },
  });
  await db.destination.create({
    data: { id: ids.destinationId, tenantId, instanceId: ids.instanceId, displayName: marker, type: "webhook", endpoint: SAMPLE_CALLBACK, secretCiphertext: "v1.a.b.c", ownerId: `user-${prefix}-admin` },
  });
  const eventId = `evt_${prefix}_access`;
  await db.event.create({
    data: { id: eventId, tenantId, instanceId: ids.instanceId, type: "datasource.refresh.failed", payload: JSON.stringify({ marker }) },
  });
  // Finished, so the delivery worker (not running here) would have nothing to do and replay is allowed.
  await db.delivery.create({
    data: {
      id: ids.deliveryId,
      tenantId,
      instanceId: ids.instanceId,
      eventId,
      registrationId: ids.registrationId,
      status: "failed",
      attemptCount: 1,
      completedAt: new Date(),
    },
  });
  await db.unificationRun.create({ data: { id: ids.runId, tenantId, instanceId: ids.instanceId, status: "successful", finishedAt: new Date() } });
  await db.refreshJob.create({ data: { id: ids.jobId, tenantId, instanceId: ids.instanceId, status: "queued", submissionKind: "onDemand", activeKey: ids.instanceId } });
  await db.customerProfile.create({
    data: {
      id: ids.profileId,
      tenantId,
      instanceId: ids.instanceId,
      firstName: marker,
      customAttributes: {},
      searchText: marker.toLowerCase(),
      sourceRecordCount: 1,
      fingerprint: "",
      runId: ids.runId,
      createdAt: new Date(),
      updatedAt: new Date(),
      sourceRecords: {
        create: { tenantId, instanceId: ids.instanceId, dataSourceId: ids.dataSourceId, dataSourceName: marker, recordKey: "1", attributes: {} },
      },
    },
  });
  await db.segment.create({ data: { id: ids.segmentId, tenantId, instanceId: ids.instanceId, name: marker, rule: SAMPLE_RULE } });
  await db.measure.create({ data: { id: ids.measureId, tenantId, instanceId: ids.instanceId, name: marker, aggregation: "count" } });
};

beforeAll(async () => {
  const db = getDb();
  await seedDemoIdentity(db);
  await db.tenant.upsert({ where: { id: FABRIKAM_TENANT_ID }, update: {}, create: { id: FABRIKAM_TENANT_ID, name: "Fabrikam" } });
  await db.instance.upsert({
    where: { id: FABRIKAM_INSTANCE_ID },
    update: {},
    create: { id: FABRIKAM_INSTANCE_ID, tenantId: FABRIKAM_TENANT_ID, name: "Fabrikam Outdoor" },
  });
  await seedRecords(DEMO_TENANT_ID, contosoIds, "Contoso only", "contoso");
  await seedRecords(FABRIKAM_TENANT_ID, fabrikamIds, "Fabrikam only", "fabrikam");
});

const REALM_ONLY = 'Bearer realm="audience-insights"';
const INVALID_TOKEN = 'Bearer realm="audience-insights", error="invalid_token"';

const expectError = (result: RouteResult<any>, status: number, code: string, what: string) => {
  expect(result.status, `${what} (body ${result.text.slice(0, 300)})`).toBe(status);
  expect(result.headers.get("content-type") ?? "", `${what}: content type`).toContain("application/json");
  expect(result.json?.error?.code, `${what}: error code`).toBe(code);
  expect(String(result.json?.error?.message ?? "").length, `${what}: message`).toBeGreaterThan(0);
};

const contosoAdmin = TEST_IDENTITIES.contosoAdmin;
let forgedKey: Promise<CryptoKey> | undefined;

/** Each way a token can be wrong, as the Authorization header value. */
const badCredentials: { name: string; header: () => Promise<string> }[] = [
  { name: "a Basic header", header: async () => "Basic YWRtaW46ZGVtby1wYXNzd29yZA==" },
  { name: "Bearer without a token", header: async () => "Bearer " },
  { name: "a token that is not a JWT", header: async () => "Bearer not-a-jwt" },
  { name: "an expired token (beyond the 60 s skew)", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { expiresIn: -120 })}` },
  { name: "a token not valid yet (beyond the 60 s skew)", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { notBefore: 300 })}` },
  { name: "a token for another audience", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { audience: "api://another-app" })}` },
  { name: "a token from another issuer", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { issuer: "https://login.evil.example" })}` },
  {
    name: "a token signed by another key under the known kid",
    header: async () => {
      forgedKey ??= generateKeyPair("RS256").then((pair) => pair.privateKey);
      return `Bearer ${await mintAccessToken(contosoAdmin, { privateKey: await forgedKey })}`;
    },
  },
  {
    name: 'an unsigned token (alg "none")',
    header: async () => {
      const [, payload] = (await mintAccessToken(contosoAdmin)).split(".");
      const header = base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt", kid: TEST_KEY_ID }));
      return `Bearer ${header}.${payload}.`;
    },
  },
  {
    name: "an HS256 token keyed with the public key",
    header: async () => {
      const { publicKey } = await testSigningKeys();
      const secret = new TextEncoder().encode(await exportSPKI(publicKey));
      const config = getAuthConfig();
      const token = await new SignJWT({ tid: DEMO_TENANT_ID, roles: ["Admin"] })
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: TEST_KEY_ID })
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setSubject(contosoAdmin.sub)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(secret);
      return `Bearer ${token}`;
    },
  },
  { name: "a token without a tenant", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { claims: { tid: undefined } })}` },
  { name: "a token of an unknown tenant", header: async () => `Bearer ${await mintAccessToken({ ...contosoAdmin, tid: "globex" })}` },
  { name: "an ID-token-typed JWT (typ JWT)", header: async () => `Bearer ${await mintAccessToken(contosoAdmin, { typ: "JWT" })}` },
];

describe("API access control", () => {
  it.each(publicEndpoints.map((e) => [label(e), e] as const))("%s answers anybody alike: no token, a bad one, or another tenant's", async (_, e) => {
    const anonymous = await call(e, {}, { as: null });
    expect(anonymous.status, anonymous.text.slice(0, 200)).toBe(200);
    const callers: Partial<CallRouteInit>[] = [
      { as: TEST_IDENTITIES.contosoAdmin, headers: { authorization: "Bearer not-a-jwt" } },
      { as: TEST_IDENTITIES.contosoAdmin, headers: {} },
      { as: TEST_IDENTITIES.fabrikamAdmin, headers: {} },
    ];
    for (const caller of callers) {
      const other = await call(e, {}, caller);
      expect(other.status).toBe(200);
      expect(other.text).toBe(anonymous.text);
    }
  });

  describe.each(endpoints)("$method $route.urlPath", (e) => {
    it("answers 401 with a Bearer challenge to a request without a token, and writes nothing", async () => {
      const before = await snapshot();
      const result = await call(e, contosoIds, { as: null });
      expectError(result, 401, "unauthorized", "no token");
      expect(result.headers.get("www-authenticate")).toBe(REALM_ONLY);
      expect(await snapshot()).toEqual(before);
    });

    it.each(badCredentials)("answers 401 invalid_token to $name, and writes nothing", async ({ header }) => {
      const before = await snapshot();
      const result = await call(e, contosoIds, { headers: { ...bodyFor(e).headers, authorization: await header() } });
      expectError(result, 401, "unauthorized", "bad token");
      expect(result.headers.get("www-authenticate")).toBe(INVALID_TOKEN);
      expect(await snapshot()).toEqual(before);
    });

    it("answers 404 to Fabrikam's admin on Contoso's records, and writes nothing", async () => {
      if (e.route.dynamic.length === 0) return; // nothing addressed by id: lists are tenant-isolation.int.test.ts
      const before = await snapshot();
      const fabrikamAdmin = TEST_IDENTITIES.fabrikamAdmin;
      // Contoso's instance itself, then Contoso's records inside Fabrikam's own instance.
      expectError(await call(e, contosoIds, { as: fabrikamAdmin }), 404, "not_found", "Contoso's instance");
      if (e.route.dynamic.length > 1) {
        const crossed = { ...contosoIds, instanceId: FABRIKAM_INSTANCE_ID };
        const result = await call(e, crossed, { as: fabrikamAdmin });
        // Power Automate's unsubscribe answers an id it does not find as deleted (204), changing nothing.
        const idempotent = routeDescriptor(e.handler)?.operation?.unknownIdAnswers;
        if (idempotent) expect(result.status, "Contoso's record in Fabrikam's instance").toBe(idempotent);
        else expectError(result, 404, "not_found", "Contoso's record in Fabrikam's instance");
      }
      expect(await snapshot()).toEqual(before);
    });

  });

  it("accepts a token within the 60 s clock skew", async () => {
    const list = endpoints.find((x) => x.method === "GET" && x.route.urlPath === "/api/v1/instances")!;
    for (const options of [{ expiresIn: -30 }, { notBefore: 30 }]) {
      const token = await mintAccessToken(TEST_IDENTITIES.contosoViewer, options);
      const result = await call(list, {}, { as: null, headers: { authorization: `Bearer ${token}` } });
      expect(result.status, JSON.stringify(options)).toBe(200);
    }
  });

  it("answers 403 to a valid token that carries none of the product's roles", async () => {
    const list = endpoints.find((x) => x.method === "GET" && x.route.urlPath === "/api/v1/instances")!;
    for (const claimed of [[], ["Reader", "ingest.write"]]) {
      const result = await call(list, {}, { as: { ...TEST_IDENTITIES.contosoViewer, roles: claimed } });
      expectError(result, 403, "forbidden", `roles ${JSON.stringify(claimed)}`);
      expect(result.json.error.message).toContain("role");
    }
  });
});
