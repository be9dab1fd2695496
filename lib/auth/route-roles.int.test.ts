import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { type RouteResult, callRoute } from "../api/testing/call-route";
import { type HttpMethod, type RouteFile, findRouteFiles, implementedMethods, paramValue, toUrlPath } from "../api/testing/route-files";
import { type Role, roles } from "./roles";
import { TEST_IDENTITIES, type TestIdentity, identityFor } from "./testing/test-tokens";

// Who may call what, written down by hand from SPEC §7 and NOT read from the routes' own
// declarations (defineRoute's role / routeDescriptor): a route that declares the wrong role
// fails here. Admin: everything, the audit log included. Contributor: triggers, data sources,
// refreshes, test-fire, replay. Viewer: reads. Public: the API's own description, which holds no
// tenant's data (clients and connector tooling read it before they have a token).
//
// The table must list exactly the methods the route files serve (found on disk and read from
// their exports), so a new route, or a new method on a route, fails until someone decides here
// who may call it.

const lowestRole: Record<string, Role | "Public"> = {
  "GET /api/v1/openapi.json": "Public",
  // The connector's definition and properties: the API's description again, for Power Platform.
  "GET /api/connector/apiDefinition.swagger.json": "Public",
  "GET /api/connector/apiProperties.json": "Public",
  "GET /api/connector/package.zip": "Public",
  "GET /api/v1/instances": "Viewer",
  "GET /api/v1/audit-log": "Admin",
  "GET /api/v1/audit-log/actors": "Admin",

  "GET /api/v1/instances/[instanceId]/data-sources": "Viewer",
  "POST /api/v1/instances/[instanceId]/data-sources": "Contributor",
  "GET /api/v1/instances/[instanceId]/data-sources/[dataSourceId]": "Viewer",
  "DELETE /api/v1/instances/[instanceId]/data-sources/[dataSourceId]": "Contributor",
  "POST /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/uploads": "Contributor",
  "POST /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh": "Contributor",
  "GET /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs": "Viewer",
  "GET /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs/[runId]": "Viewer",
  "GET /api/v1/instances/[instanceId]/data-sources/[dataSourceId]/column-samples": "Viewer",

  "GET /api/v1/instances/[instanceId]/destinations": "Viewer",
  "POST /api/v1/instances/[instanceId]/destinations": "Admin",
  "GET /api/v1/instances/[instanceId]/destinations/[destinationId]": "Viewer",
  "PATCH /api/v1/instances/[instanceId]/destinations/[destinationId]": "Admin",
  "DELETE /api/v1/instances/[instanceId]/destinations/[destinationId]": "Admin",
  "GET /api/v1/instances/[instanceId]/trigger-registrations": "Viewer",
  "POST /api/v1/instances/[instanceId]/trigger-registrations": "Contributor",
  "POST /api/v1/instances/[instanceId]/trigger-registrations/test-fire": "Contributor",
  "POST /api/v1/instances/[instanceId]/trigger-registrations/preview": "Contributor",
  "GET /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]": "Viewer",
  "PATCH /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]": "Contributor",
  "DELETE /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]": "Contributor",
  "POST /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause": "Contributor",
  "POST /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume": "Contributor",
  "POST /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/test-fire": "Contributor",
  "GET /api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/deliveries": "Viewer",
  "POST /api/v1/instances/[instanceId]/deliveries/[deliveryId]/replay": "Contributor",

  // Power Automate's subscriptions: setting up a trigger, a Contributor's work (SPEC §5, §7).
  "POST /api/v1/instances/[instanceId]/subscriptions/data-source-refresh-failed": "Contributor",
  "POST /api/v1/instances/[instanceId]/subscriptions/data-source-refresh-succeeded": "Contributor",
  "POST /api/v1/instances/[instanceId]/subscriptions/segment-threshold-crossed": "Contributor",
  "POST /api/v1/instances/[instanceId]/subscriptions/measure-threshold-crossed": "Contributor",
  "POST /api/v1/instances/[instanceId]/subscriptions/full-refresh-completed": "Contributor",
  "POST /api/v1/instances/[instanceId]/subscriptions/unification-completed": "Contributor",
  "DELETE /api/v1/instances/[instanceId]/subscriptions/[subscriptionId]": "Contributor",

  // Unification: its configuration is the Admin's (it decides what every profile is made of),
  // running it is a refresh (Contributor), reading runs and profiles is a read.
  "GET /api/v1/instances/[instanceId]/unification/config": "Viewer",
  "PUT /api/v1/instances/[instanceId]/unification/config": "Admin",
  "GET /api/v1/instances/[instanceId]/unification/runs": "Viewer",
  "POST /api/v1/instances/[instanceId]/unification/runs": "Contributor",
  "GET /api/v1/instances/[instanceId]/unification/runs/[runId]": "Viewer",
  "GET /api/v1/instances/[instanceId]/profiles": "Viewer",
  "GET /api/v1/instances/[instanceId]/profiles/[profileId]": "Viewer",

  // Segments and measures: defining them is a Contributor's work, like triggers; previewing a
  // rule writes nothing, so it is a read.
  "GET /api/v1/instances/[instanceId]/segments": "Viewer",
  "POST /api/v1/instances/[instanceId]/segments": "Contributor",
  "POST /api/v1/instances/[instanceId]/segments/preview": "Viewer",
  "GET /api/v1/instances/[instanceId]/segments/[segmentId]": "Viewer",
  "PATCH /api/v1/instances/[instanceId]/segments/[segmentId]": "Contributor",
  "DELETE /api/v1/instances/[instanceId]/segments/[segmentId]": "Contributor",
  "GET /api/v1/instances/[instanceId]/segments/[segmentId]/members": "Viewer",
  "GET /api/v1/instances/[instanceId]/measures": "Viewer",
  "POST /api/v1/instances/[instanceId]/measures": "Contributor",
  "GET /api/v1/instances/[instanceId]/measures/[measureId]": "Viewer",
  "PATCH /api/v1/instances/[instanceId]/measures/[measureId]": "Contributor",
  "DELETE /api/v1/instances/[instanceId]/measures/[measureId]": "Contributor",
  // Full refresh: starting, cancelling and scheduling are refreshes (Contributor, SPEC §7).
  "GET /api/v1/instances/[instanceId]/refresh-jobs": "Viewer",
  "POST /api/v1/instances/[instanceId]/refresh-jobs": "Contributor",
  "GET /api/v1/instances/[instanceId]/refresh-jobs/[jobId]": "Viewer",
  "POST /api/v1/instances/[instanceId]/refresh-jobs/[jobId]/cancel": "Contributor",
  "GET /api/v1/instances/[instanceId]/refresh-schedule": "Viewer",
  "PUT /api/v1/instances/[instanceId]/refresh-schedule": "Contributor",
};

useTestDatabase();

type Handler = Parameters<typeof callRoute>[0];
type Served = { key: string; route: RouteFile; method: HttpMethod; handler: Handler };

const served: Served[] = [];
for (const route of findRouteFiles()) {
  const mod = (await import(route.file)) as Record<string, unknown>;
  for (const method of implementedMethods(mod)) {
    served.push({ key: `${method} ${route.urlPath}`, route, method, handler: mod[method] as Handler });
  }
}

/** Callers from no role up to Admin, each a valid Contoso token; the one just below Viewer has no product role. */
const ladder: { name: string; rank: number; identity: TestIdentity }[] = [
  { name: "no role", rank: -1, identity: { ...TEST_IDENTITIES.contosoViewer, roles: [] } },
  ...roles.map((role, rank) => ({ name: role, rank, identity: identityFor(role) })),
];

const records = {
  instanceId: DEMO_INSTANCE_ID,
  dataSourceId: "ds_roles",
  registrationId: "reg_roles",
  deliveryId: "dlv_roles",
  runId: "run_roles",
  profileId: "prof_roles",
  segmentId: "seg_roles",
  measureId: "msr_roles",
  jobId: "rjob_roles",
  subscriptionId: "reg_roles",
  destinationId: "dst_roles",
};
const unknownRecords = {
  ...records,
  dataSourceId: "ds_unknown",
  registrationId: "reg_unknown",
  deliveryId: "dlv_unknown",
  runId: "run_unknown",
  profileId: "prof_unknown",
  segmentId: "seg_unknown",
  measureId: "msr_unknown",
  jobId: "rjob_unknown",
  subscriptionId: "reg_unknown",
  destinationId: "dst_unknown",
};

/**
 * A read addresses the real records and must succeed. A write addresses unknown records inside
 * the caller's instance, or sends an empty body where it creates something: once past the gate
 * it stops at 404 or 422 and changes nothing, so every caller meets the same state, and nothing
 * is sent to a webhook (test-fire and replay would).
 */
const callAs = (entry: Served, identity: TestIdentity): Promise<RouteResult<any>> => {
  const read = entry.method === "GET";
  const ids: Record<string, string> = read ? records : unknownRecords;
  const params = Object.fromEntries(
    entry.route.dynamic.map((segment) => {
      const id = ids[segment.name];
      if (!id) throw new Error(`${entry.key}: add a record for path parameter "${segment.name}" to route-roles.int.test.ts`);
      return [segment.name, paramValue(segment, id)];
    }),
  );
  const body = read ? {} : { body: {} };
  return callRoute(entry.handler, { as: identity, method: entry.method, path: toUrlPath(entry.route, params), params, ...body });
};

beforeAll(async () => {
  const db = getDb();
  await seedDemoIdentity(db);
  const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };
  await db.dataSource.create({ data: { ...scope, id: records.dataSourceId, name: "Roles", kind: "upload", requiredColumns: [] } });
  // Under the same id as the unification run: a path's runId is a refresh run under a data source.
  await db.dataSourceRun.create({ data: { ...scope, id: records.runId, dataSourceId: records.dataSourceId, status: "successful" } });
  await db.triggerRegistration.create({
    data: {
      ...scope,
      id: records.registrationId,
      displayName: "Roles",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: "https://8.8.8.8/roles",
      secretCiphertext: "v1.a.b.c",
      ownerId: "user-contoso-admin",
    },
  });
  // Shared with everyone, so every role's read of it succeeds.
  await db.destination.create({
    data: { ...scope, id: records.destinationId, displayName: "Roles", type: "webhook", endpoint: "https://8.8.8.8/roles", secretCiphertext: "v1.a.b.c", ownerId: "user-contoso-admin" },
  });
  await db.event.create({ data: { ...scope, id: "evt_roles", type: "datasource.refresh.failed", payload: "{}" } });
  await db.delivery.create({
    data: { ...scope, id: records.deliveryId, eventId: "evt_roles", registrationId: records.registrationId, status: "failed", attemptCount: 1 },
  });
  // A finished run, so the Contributors' requests to start one queue a run (once) and nobody meets a 409.
  await db.unificationRun.create({ data: { ...scope, id: records.runId, status: "successful", finishedAt: new Date() } });
  // A finished job, so the Contributors' requests to start one queue a job (once) and nobody meets a 409.
  await db.refreshJob.create({ data: { ...scope, id: records.jobId, status: "successful", submissionKind: "onDemand", finishedAt: new Date() } });
  await db.customerProfile.create({
    data: {
      ...scope,
      id: records.profileId,
      customAttributes: {},
      searchText: "",
      sourceRecordCount: 0,
      fingerprint: "",
      runId: records.runId,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  });
  await db.segment.create({
    data: { ...scope, id: records.segmentId, name: "Roles", rule: { combinator: "and", conditions: [{ attribute: "city", operator: "isEmpty" }] } },
  });
  await db.measure.create({ data: { ...scope, id: records.measureId, name: "Roles", aggregation: "count" } });
});

describe("route → role table", () => {
  it("lists exactly the methods the route files serve", () => {
    const onDisk = served.map((s) => s.key).sort();
    const inTable = Object.keys(lowestRole).sort();
    expect(onDisk.filter((key) => !(key in lowestRole)), "served but missing from the table: decide who may call it").toEqual([]);
    expect(inTable.filter((key) => !onDisk.includes(key)), "in the table but served by no route file").toEqual([]);
  });

  describe.each(Object.entries(lowestRole).filter(([key]) => served.some((s) => s.key === key)))("%s", (key, role) => {
    const entry = served.find((s) => s.key === key)!;
    const required = role === "Public" ? -1 : roles.indexOf(role);

    if (role === "Public") {
      it("answers without a token", async () => {
        const result = await callRoute(entry.handler, { as: null, method: entry.method, path: toUrlPath(entry.route, {}) });
        expect(result.status, result.text.slice(0, 200)).toBe(200);
      });
    }

    it(`answers 403 to every caller below ${role}`, async () => {
      for (const caller of ladder.filter((c) => c.rank < required)) {
        const result = await callAs(entry, caller.identity);
        expect(result.status, `${caller.name}: ${result.text.slice(0, 200)}`).toBe(403);
        expect(result.json?.error?.code, caller.name).toBe("forbidden");
      }
    });

    it(`lets ${role} and every role above it through`, async () => {
      for (const caller of ladder.filter((c) => c.rank >= required)) {
        const result = await callAs(entry, caller.identity);
        const what = `${caller.name}: ${result.status} ${result.text.slice(0, 200)}`;
        expect([401, 403], what).not.toContain(result.status);
        expect(result.status, what).toBeLessThan(500);
        if (entry.method === "GET") expect(result.status, what).toBe(200);
      }
    });
  });
});
