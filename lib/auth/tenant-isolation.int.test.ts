import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { useFixedEncryptionKey } from "../testing/factories";
import { newId } from "../ids/new-id";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, FABRIKAM_INSTANCE_ID, FABRIKAM_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { type CallRouteInit, callRoute } from "../api/testing/call-route";
import { type RouteFile, findRouteFiles, implementedMethods, paramValue, toUrlPath } from "../api/testing/route-files";
import { TEST_IDENTITIES, type TestIdentity } from "./testing/test-tokens";

// Tenant isolation over lists that really hold the other tenant's rows: in one database, both
// tenants get rows of every listed kind (instances, data sources, refresh runs, trigger
// registrations, events, deliveries with their attempts, audit entries), made through the API
// as each tenant's Admin wherever the API makes them. Then every list and read the route files
// serve (found on disk) is called as each tenant: the other tenant's ids never appear, while
// that tenant's rows do exist in the database, so a setup that silently made nothing fails.

useFixedEncryptionKey();
useTestDatabase();

type Handler = Parameters<typeof callRoute>[0];
type Read = { route: RouteFile; handler: Handler };

const reads: Read[] = [];
const handlers: Record<string, Record<string, Handler>> = {};
for (const route of findRouteFiles()) {
  const mod = (await import(route.file)) as Record<string, Handler>;
  handlers[route.urlPath] = mod;
  if (implementedMethods(mod).includes("GET")) reads.push({ route, handler: mod.GET! });
}

/** Everything one tenant owns, by kind: the ids (and the attempt markers) that must not leak. */
type Owned = {
  tenantId: string;
  admin: TestIdentity;
  instanceId: string;
  dataSourceIds: string[];
  runIds: string[];
  registrationIds: string[];
  eventIds: string[];
  deliveryIds: string[];
  attemptMarkers: string[];
  auditEntryIds: string[];
  actorIds: string[];
  unificationRunIds: string[];
  profileIds: string[];
  segmentIds: string[];
  measureIds: string[];
  refreshJobIds: string[];
  destinationIds: string[];
};

const tenants: Record<"contoso" | "fabrikam", Owned> = {
  contoso: emptyOwned(DEMO_TENANT_ID, TEST_IDENTITIES.contosoAdmin, DEMO_INSTANCE_ID),
  fabrikam: emptyOwned(FABRIKAM_TENANT_ID, TEST_IDENTITIES.fabrikamAdmin, FABRIKAM_INSTANCE_ID),
};

function emptyOwned(tenantId: string, admin: TestIdentity, instanceId: string): Owned {
  return {
    tenantId,
    admin,
    instanceId,
    dataSourceIds: [],
    runIds: [],
    registrationIds: [],
    eventIds: [],
    deliveryIds: [],
    attemptMarkers: [],
    auditEntryIds: [],
    actorIds: [admin.sub],
    unificationRunIds: [],
    profileIds: [],
    segmentIds: [],
    measureIds: [],
    refreshJobIds: [],
    destinationIds: [],
  };
}

const kindsOf = (owned: Owned) => ({
  instance: [owned.instanceId],
  dataSource: owned.dataSourceIds,
  run: owned.runIds,
  registration: owned.registrationIds,
  event: owned.eventIds,
  delivery: owned.deliveryIds,
  attempt: owned.attemptMarkers,
  auditEntry: owned.auditEntryIds,
  actor: owned.actorIds,
  unificationRun: owned.unificationRunIds,
  profile: owned.profileIds,
  segment: owned.segmentIds,
  measure: owned.measureIds,
  refreshJob: owned.refreshJobIds,
  destination: owned.destinationIds,
});

const idsOf = (owned: Owned) => Object.values(kindsOf(owned)).flat();

/** Calls a route as the tenant's Admin, with its own records in the path. */
const api = async (owned: Owned, method: string, urlPath: string, init: Partial<CallRouteInit> = {}) => {
  const route = findRouteFiles().find((r) => r.urlPath === urlPath)!;
  const ids: Record<string, string | undefined> = {
    instanceId: owned.instanceId,
    dataSourceId: owned.dataSourceIds[0],
    registrationId: owned.registrationIds[0],
    deliveryId: owned.deliveryIds[0],
    // A runId under a data source is one of its refresh runs; elsewhere, a unification run.
    runId: urlPath.includes("/data-sources/")
      ? (await getDb().dataSourceRun.findFirst({ where: { dataSourceId: owned.dataSourceIds[0] }, select: { id: true } }))?.id
      : owned.unificationRunIds[0],
    profileId: owned.profileIds[0],
    segmentId: owned.segmentIds[0],
    measureId: owned.measureIds[0],
    jobId: owned.refreshJobIds[0],
    destinationId: owned.destinationIds[0],
  };
  const params = Object.fromEntries(
    route.dynamic.map((segment) => {
      const id = ids[segment.name];
      if (!id) throw new Error(`${urlPath}: add a record for path parameter "${segment.name}" to tenant-isolation.int.test.ts`);
      return [segment.name, paramValue(segment, id)];
    }),
  );
  const result = await callRoute(handlers[urlPath]![method]!, {
    as: owned.admin,
    method,
    params,
    ...init,
    path: `${toUrlPath(route, params)}${init.path ?? ""}`,
  });
  return result;
};

const made = async (owned: Owned, method: string, urlPath: string, init: Partial<CallRouteInit>) => {
  const result = await api(owned, method, urlPath, init);
  expect(result.status, `${owned.tenantId}: ${method} ${urlPath}: ${result.text.slice(0, 300)}`).toBeLessThan(300);
  return result.json;
};

const I = "/api/v1/instances/[instanceId]";

/** Rows of every listed kind for one tenant; through the API wherever it makes them. */
const seedTenant = async (owned: Owned) => {
  const db = getDb();
  for (const name of ["Customers", "Orders"]) {
    const { dataSource } = await made(owned, "POST", `${I}/data-sources`, {
      body: { kind: "upload", name: `${owned.tenantId} ${name}`, requiredColumns: ["email"] },
    });
    owned.dataSourceIds.push(dataSource.id);
  }
  await made(owned, "POST", `${I}/data-sources/[dataSourceId]/uploads`, {
    rawBody: `email\n${owned.tenantId}@example.com\n`,
    headers: { "content-type": "text/csv" },
  });
  await made(owned, "POST", `${I}/data-sources/[dataSourceId]/refresh`, {});
  // Finished runs, as the refresh worker (not running here) would have left them.
  const scope = { tenantId: owned.tenantId, instanceId: owned.instanceId };
  for (const status of ["successful", "failed"]) {
    await db.dataSourceRun.create({
      data: {
        ...scope,
        dataSourceId: owned.dataSourceIds[0]!,
        status,
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(),
        rowCount: status === "successful" ? 1 : null,
        errorCode: status === "failed" ? "csv_malformed" : null,
        errorMessage: status === "failed" ? `${owned.tenantId} run failed` : null,
      },
    });
  }

  const { registration } = await made(owned, "POST", `${I}/trigger-registrations`, {
    body: {
      displayName: `${owned.tenantId} failures`,
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: owned.dataSourceIds[0] },
      callbackUrl: `https://8.8.8.8/${owned.tenantId}`,
    },
  });
  owned.registrationIds.push(registration.id);
  // A destination of its own (the trigger above made one too) and one more trigger on it.
  const { destination } = await made(owned, "POST", `${I}/destinations`, {
    body: { displayName: `${owned.tenantId} hooks`, type: "webhook", endpoint: `https://8.8.8.8/${owned.tenantId}/shared` },
  });
  owned.destinationIds.push(destination.id);
  await made(owned, "PATCH", `${I}/destinations/[destinationId]`, { body: { visibility: "everyone" } });
  await made(owned, "POST", `${I}/trigger-registrations`, {
    body: {
      displayName: `${owned.tenantId} on the destination`,
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      destinationId: destination.id,
    },
  });
  await made(owned, "PATCH", `${I}/trigger-registrations/[registrationId]`, { body: { displayName: `${owned.tenantId} renamed` } });
  await made(owned, "POST", `${I}/trigger-registrations/[registrationId]/pause`, {});
  await made(owned, "POST", `${I}/trigger-registrations/[registrationId]/resume`, {});

  // An event with two deliveries and their attempts, as the delivery worker (not running
  // here: it would send them) would have logged them.
  const eventId = newId("evt");
  await db.event.create({ data: { ...scope, id: eventId, type: "datasource.refresh.failed", payload: JSON.stringify({ tenant: owned.tenantId }) } });
  for (const outcome of ["succeeded", "failed"]) {
    const deliveryId = newId("dlv");
    const marker = `attempt-${outcome}-${newId("mark")}`;
    await db.delivery.create({
      data: {
        ...scope,
        id: deliveryId,
        eventId,
        registrationId: registration.id,
        status: outcome,
        attemptCount: 1,
        completedAt: new Date(),
        attempts: {
          create: { number: 1, reason: "scheduled", startedAt: new Date(), durationMs: 12, statusCode: outcome === "succeeded" ? 200 : 500, outcome, responseBody: marker },
        },
      },
    });
    owned.deliveryIds.push(deliveryId);
  }

  // Unification: a configuration and a run through the API, profiles as a run would have written them.
  await made(owned, "PUT", `${I}/unification/config`, {
    body: { customAttributes: [], sources: [{ dataSourceId: owned.dataSourceIds[0], primaryKeyColumn: "email", columns: [{ column: "email", attribute: "email" }] }], rules: [] },
  });
  const { run } = await made(owned, "POST", `${I}/unification/runs`, {});
  for (const name of ["Ann", "Bob"]) {
    const profileId = newId("prof");
    await db.customerProfile.create({
      data: {
        ...scope,
        id: profileId,
        firstName: `${owned.tenantId} ${name}`,
        customAttributes: {},
        searchText: `${owned.tenantId} ${name}`.toLowerCase(),
        sourceRecordCount: 1,
        fingerprint: "",
        runId: run.id,
        createdAt: new Date(),
        updatedAt: new Date(),
        sourceRecords: {
          create: { ...scope, dataSourceId: owned.dataSourceIds[0]!, dataSourceName: "Customers", recordKey: `${name}-${owned.tenantId}`, attributes: {} },
        },
      },
    });
  }

  // A segment of both profiles (its members list shows them) and a measure within it.
  const { segment } = await made(owned, "POST", `${I}/segments`, {
    body: { name: `${owned.tenantId} segment`, rule: { combinator: "and", conditions: [{ attribute: "firstName", operator: "startsWith", value: owned.tenantId }] } },
  });
  owned.segmentIds.push(segment.id);
  const { measure } = await made(owned, "POST", `${I}/measures`, { body: { name: `${owned.tenantId} measure`, aggregation: "count", segmentId: segment.id } });
  owned.measureIds.push(measure.id);
  // A full refresh job (with a task per data source) through the API.
  await made(owned, "POST", `${I}/refresh-jobs`, {});
};

/**
 * Everything the database holds for a tenant, read back by its tenant column after seeding:
 * what must never leak is every row of theirs, not only the ones this file meant to make.
 */
const readBack = async (owned: Owned) => {
  const db = getDb();
  const where = { tenantId: owned.tenantId };
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  owned.dataSourceIds = ids(await db.dataSource.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" } }));
  owned.runIds = ids(await db.dataSourceRun.findMany({ where, select: { id: true } }));
  owned.registrationIds = ids(await db.triggerRegistration.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" } }));
  owned.eventIds = ids(await db.event.findMany({ where, select: { id: true } }));
  owned.deliveryIds = ids(await db.delivery.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" } }));
  owned.attemptMarkers = (await db.deliveryAttempt.findMany({ where: { delivery: where }, select: { responseBody: true } })).map(
    (attempt) => attempt.responseBody ?? "",
  );
  owned.auditEntryIds = ids(await db.auditEntry.findMany({ where, select: { id: true } }));
  owned.unificationRunIds = ids(await db.unificationRun.findMany({ where, select: { id: true } }));
  owned.profileIds = ids(await db.customerProfile.findMany({ where, select: { id: true }, orderBy: { id: "asc" } }));
  owned.segmentIds = ids(await db.segment.findMany({ where, select: { id: true } }));
  owned.measureIds = ids(await db.measure.findMany({ where, select: { id: true } }));
  owned.refreshJobIds = ids(await db.refreshJob.findMany({ where, select: { id: true } }));
  owned.destinationIds = ids(await db.destination.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" } }));
  owned.actorIds = (await db.auditEntry.findMany({ where, select: { actorId: true }, distinct: ["actorId"] })).map((a) => a.actorId);
};

beforeAll(async () => {
  await seedDemoIdentity(getDb());
  await seedTenant(tenants.contoso);
  await seedTenant(tenants.fabrikam);
  await readBack(tenants.contoso);
  await readBack(tenants.fabrikam);
});

const pairs = [
  { who: "contoso", other: "fabrikam" },
  { who: "fabrikam", other: "contoso" },
] as const;

describe("tenant isolation over lists holding both tenants' rows", () => {
  it.each(pairs)("the database holds $who's rows of every kind", ({ who }) => {
    const owned = tenants[who];
    // What seedTenant made, at least; more would be fine (and is then checked like the rest).
    expect(owned.dataSourceIds.length, "data sources").toBeGreaterThanOrEqual(2);
    expect(owned.runIds.length, "refresh runs").toBeGreaterThanOrEqual(3);
    expect(owned.registrationIds.length, "trigger registrations").toBeGreaterThanOrEqual(1);
    expect(owned.eventIds.length, "events").toBeGreaterThanOrEqual(1);
    expect(owned.deliveryIds.length, "deliveries").toBeGreaterThanOrEqual(2);
    expect(owned.attemptMarkers.filter((m) => m.startsWith("attempt-")).length, "delivery attempts").toBeGreaterThanOrEqual(2);
    expect(owned.unificationRunIds.length, "unification runs").toBeGreaterThanOrEqual(1);
    expect(owned.profileIds.length, "customer profiles").toBeGreaterThanOrEqual(2);
    expect(owned.segmentIds.length, "segments").toBeGreaterThanOrEqual(1);
    expect(owned.measureIds.length, "measures").toBeGreaterThanOrEqual(1);
    expect(owned.destinationIds.length, "destinations").toBeGreaterThanOrEqual(2);
    expect(owned.refreshJobIds.length, "full refresh jobs").toBeGreaterThanOrEqual(1);
    // Created, uploaded, refresh requested, the registration's created, updated, paused, resumed, the unification's configured and run, the full refresh requested.
    expect(owned.auditEntryIds.length, "audit entries").toBeGreaterThanOrEqual(10);
    expect(owned.actorIds, "audit actors").toEqual([owned.admin.sub]);
  });

  it("finds the reads to check", () => {
    expect(reads.map((r) => r.route.urlPath)).toEqual(
      expect.arrayContaining(["/api/v1/instances", "/api/v1/audit-log", `${I}/data-sources/[dataSourceId]/runs`, `${I}/trigger-registrations/[registrationId]/deliveries`]),
    );
  });

  describe.each(pairs)("as $who", ({ who, other }) => {
    it(`no read shows ${other}'s rows, and together they show all of ${who}'s`, async () => {
      const owned = tenants[who];
      const foreign = idsOf(tenants[other]);
      expect(foreign.length).toBeGreaterThan(10);
      let seen = "";
      for (const read of reads) {
        // Long enough lists that nothing of this tenant falls off a page.
        const path = read.route.urlPath;
        const odata = path.endsWith("/unification/runs") || path.endsWith("/profiles") || path.endsWith("/members") || path.endsWith("/refresh-jobs");
        const query = odata ? "?$top=200" : path.endsWith("/runs") || path.endsWith("/deliveries") || path === "/api/v1/audit-log" ? "?limit=200" : "";
        const result = await api(owned, "GET", read.route.urlPath, { path: query });
        expect(result.status, `${read.route.urlPath}: ${result.text.slice(0, 300)}`).toBe(200);
        for (const id of foreign) expect(result.text, `${who} sees ${other}'s ${id} in ${read.route.urlPath}`).not.toContain(id);
        seen += result.text;
      }
      for (const [kind, ids] of Object.entries(kindsOf(owned))) {
        for (const id of ids) expect(seen, `${who}'s ${kind} ${id} is in none of the lists`).toContain(id);
      }
    });

    it(`the audit log filtered to ${other}'s instance, actor or record is empty`, async () => {
      const owned = tenants[who];
      const them = tenants[other];
      for (const filter of [`instanceId=${them.instanceId}`, `actorId=${them.actorIds[0]}`, `targetId=${them.dataSourceIds[0]}`, `targetId=${them.registrationIds[0]}`]) {
        const result = await api(owned, "GET", "/api/v1/audit-log", { path: `?${filter}` });
        expect(result.status, filter).toBe(200);
        expect(result.json.entries, filter).toEqual([]);
      }
      // The same filters on the caller's own records do find entries (so the empty answers above mean something).
      for (const filter of [`instanceId=${owned.instanceId}`, `actorId=${owned.actorIds[0]}`, `targetId=${owned.dataSourceIds[0]}`, `targetId=${owned.registrationIds[0]}`]) {
        const result = await api(owned, "GET", "/api/v1/audit-log", { path: `?${filter}` });
        expect(result.json.entries.length, filter).toBeGreaterThan(0);
      }
    });
  });
});
