import { beforeAll, describe, expect, it } from "vitest";
import * as auditLog from "@/app/api/v1/audit-log/route";
import * as auditActors from "@/app/api/v1/audit-log/actors/route";
import { type CallRouteInit, callRoute } from "../api/testing/call-route";
import { routeDescriptor } from "../api/define-route";
import { type Role, hasRole } from "../auth/principal";
import { getDb } from "../db/client";
import { newId } from "../ids/new-id";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { listAuditEntries } from "./list-audit-entries";
import { type TAuditEntry, type TAuditLogPage, ZAuditLogQuery } from "./schemas";

useTestDatabase();

const OTHER_INSTANCE = "contoso-staging";
const FABRIKAM = "fabrikam";
const FABRIKAM_INSTANCE = "fabrikam-outdoor";
const t0 = Date.parse("2026-03-01T10:00:00.000Z");
const minutes = (n: number) => new Date(t0 + n * 60_000);

type Seeded = { id: string; tenantId: string; instanceId: string | null; actorId: string; action: string; targetId: string; at: Date };
const seeded: Seeded[] = [];

const insert = async (row: Omit<Seeded, "id">) => {
  const id = newId("aud", row.at.getTime());
  await getDb().auditEntry.create({
    data: {
      id,
      tenantId: row.tenantId,
      instanceId: row.instanceId,
      actorId: row.actorId,
      actorName: row.actorId === "user-contoso-admin" ? "Avery Admin" : "Casey Contributor",
      action: row.action,
      targetType: row.action.split(".")[0]!,
      targetId: row.targetId,
      targetName: `Target ${row.targetId}`,
      changes: { status: { before: "active", after: "paused" } },
      ip: "198.51.100.4",
      userAgent: "test",
      createdAt: row.at,
    },
  });
  seeded.push({ id, ...row });
};

const get = (query = "", init: CallRouteInit = {}) =>
  callRoute<TAuditLogPage>(auditLog.GET, { as: "Admin", path: `/api/v1/audit-log${query ? `?${query}` : ""}`, ...init });

/** Contoso's entries, newest first (ties by id, newest first), as the API must order them. */
const expected = (keep: (row: Seeded) => boolean = () => true) =>
  seeded
    .filter((row) => row.tenantId === DEMO_TENANT_ID && keep(row))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => row.id);

const ids = (entries: TAuditEntry[]) => entries.map((e) => e.id);

beforeAll(async () => {
  const db = getDb();
  await seedDemoIdentity(db);
  await db.instance.create({ data: { id: OTHER_INSTANCE, tenantId: DEMO_TENANT_ID, name: "Contoso Staging" } });
  await db.tenant.upsert({ where: { id: FABRIKAM }, update: {}, create: { id: FABRIKAM, name: "Fabrikam" } });
  await db.instance.upsert({
    where: { id: FABRIKAM_INSTANCE },
    update: {},
    create: { id: FABRIKAM_INSTANCE, tenantId: FABRIKAM, name: "Fabrikam Outdoor" },
  });
  const admin = "user-contoso-admin";
  const contributor = "user-contoso-contributor";
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, actorId: admin, action: "dataSource.created", targetId: "ds_1", at: minutes(0) });
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, actorId: contributor, action: "triggerRegistration.created", targetId: "trg_1", at: minutes(5) });
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, actorId: contributor, action: "triggerRegistration.paused", targetId: "trg_1", at: minutes(10) });
  // Two entries in the same millisecond: paging must neither skip nor repeat one.
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: OTHER_INSTANCE, actorId: admin, action: "dataSource.uploaded", targetId: "ds_2", at: minutes(20) });
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: OTHER_INSTANCE, actorId: admin, action: "dataSource.refreshRequested", targetId: "ds_2", at: minutes(20) });
  await insert({ tenantId: DEMO_TENANT_ID, instanceId: "deleted-instance", actorId: admin, action: "triggerRegistration.deleted", targetId: "trg_9", at: minutes(30) });
  await insert({ tenantId: FABRIKAM, instanceId: FABRIKAM_INSTANCE, actorId: "user-fabrikam-admin", action: "dataSource.created", targetId: "ds_f", at: minutes(15) });
});

describe("GET /api/v1/audit-log", () => {
  it("lists the caller's tenant's entries, newest first, with actor, target, instance and origin", async () => {
    const result = await get();
    expect(result.status, result.text).toBe(200);
    expect(ids(result.json.entries)).toEqual(expected());
    expect(result.json.nextCursor).toBeNull();
    const paused = result.json.entries.find((e) => e.action === "triggerRegistration.paused");
    expect(paused).toMatchObject({
      createdAt: minutes(10).toISOString(),
      actor: { id: "user-contoso-contributor", name: "Casey Contributor" },
      target: { type: "triggerRegistration", id: "trg_1", name: "Target trg_1" },
      instance: { id: DEMO_INSTANCE_ID, name: "Contoso Retail" },
      changes: { status: { before: "active", after: "paused" } },
      ip: "198.51.100.4",
      userAgent: "test",
    });
    // An instance deleted since keeps its entries, without a name.
    expect(result.json.entries[0]!.instance).toEqual({ id: "deleted-instance", name: null });
    expect(result.text).not.toContain("ds_f");
  });

  it.each([
    ["instanceId", `instanceId=${OTHER_INSTANCE}`, (r: Seeded) => r.instanceId === OTHER_INSTANCE],
    ["targetType", "targetType=dataSource", (r: Seeded) => r.action.startsWith("dataSource.")],
    ["action", "action=triggerRegistration.paused", (r: Seeded) => r.action === "triggerRegistration.paused"],
    ["actorId", "actorId=user-contoso-contributor", (r: Seeded) => r.actorId === "user-contoso-contributor"],
    ["targetId", "targetId=trg_1", (r: Seeded) => r.targetId === "trg_1"],
    ["from", `from=${encodeURIComponent(minutes(10).toISOString())}`, (r: Seeded) => r.at >= minutes(10)],
    ["to", `to=${encodeURIComponent(minutes(10).toISOString())}`, (r: Seeded) => r.at <= minutes(10)],
    [
      "from and to with an offset",
      `from=${encodeURIComponent("2026-03-01T11:05:00+01:00")}&to=${encodeURIComponent("2026-03-01T10:20:00Z")}`,
      (r: Seeded) => r.at >= minutes(5) && r.at <= minutes(20),
    ],
    ["several filters", "targetType=dataSource&actorId=user-contoso-admin&instanceId=contoso-staging", (r: Seeded) => r.instanceId === OTHER_INSTANCE],
    ["another tenant's instance", `instanceId=${FABRIKAM_INSTANCE}`, () => false],
    ["another tenant's target", "targetId=ds_f", () => false],
  ])("filters by %s", async (_, query, keep) => {
    const result = await get(query);
    expect(result.status, result.text).toBe(200);
    expect(ids(result.json.entries)).toEqual(expected(keep));
  });

  it("pages with a cursor through every entry exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status, page.text).toBe(200);
      expect(page.json.entries.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.json.entries));
      cursor = page.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected());
    expect(pages).toBe(Math.ceil(expected().length / 2));
  });

  it("pages within a filter", async () => {
    const first = await get("targetType=dataSource&limit=1");
    const second = await get(`targetType=dataSource&limit=1&cursor=${encodeURIComponent(first.json.nextCursor!)}`);
    expect([...ids(first.json.entries), ...ids(second.json.entries)]).toEqual(expected((r) => r.action.startsWith("dataSource.")).slice(0, 2));
  });

  it.each([
    ["a limit above 200", "limit=201"],
    ["a zero limit", "limit=0"],
    ["a limit that is not a number", "limit=many"],
    ["an unknown target type", "targetType=user"],
    ["an unknown action", "action=dataSource.exploded"],
    ["a date without a time zone", "from=2026-03-01T10:00:00"],
    ["a date that is not one", "to=yesterday"],
    ["from after to", `from=${encodeURIComponent(minutes(10).toISOString())}&to=${encodeURIComponent(minutes(0).toISOString())}`],
    ["a forged cursor", `cursor=${Buffer.from("not|a cursor!").toString("base64url")}`],
    ["a cursor that is not base64", "cursor=%25%25%25"],
    ["an unknown parameter", "tenantId=fabrikam"],
    ["a malformed instance id", "instanceId=..%2Fx"],
  ])("answers 422 for %s", async (_, query) => {
    const result = await get(query);
    expect(result.status, result.text).toBe(422);
    expect((result.json as unknown as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("reads only the given tenant's entries", async () => {
    const fabrikam = await listAuditEntries(FABRIKAM, ZAuditLogQuery.parse({}));
    expect(fabrikam.entries.map((e) => e.target.id)).toEqual(["ds_f"]);
    expect(fabrikam.entries[0]!.instance).toEqual({ id: FABRIKAM_INSTANCE, name: "Fabrikam Outdoor" });
    // Contoso's instance id as a filter does not reach across tenants either.
    expect((await listAuditEntries(FABRIKAM, ZAuditLogQuery.parse({ instanceId: DEMO_INSTANCE_ID }))).entries).toEqual([]);
  });

  it("is for Admins only", () => {
    // The wrapper answers 403 below the declared role (its 401/403 behaviour is tested over
    // every route in lib/auth/api-access.int.test.ts).
    for (const handler of [auditLog.GET, auditActors.GET]) expect(routeDescriptor(handler)?.role).toBe("Admin");
    const as = (role: Role) => ({ userId: "u", tenantId: DEMO_TENANT_ID, displayName: "U", role });
    expect(hasRole(as("Contributor"), "Admin")).toBe(false);
    expect(hasRole(as("Viewer"), "Admin")).toBe(false);
    expect(hasRole(as("Admin"), "Admin")).toBe(true);
  });
});

describe("GET /api/v1/audit-log/actors", () => {
  it("lists the tenant's actors once each", async () => {
    const result = await callRoute<{ actors: unknown[] }>(auditActors.GET, { as: "Admin", path: "/api/v1/audit-log/actors" });
    expect(result.status, result.text).toBe(200);
    expect(result.json.actors).toEqual([
      { id: "user-contoso-admin", name: "Avery Admin" },
      { id: "user-contoso-contributor", name: "Casey Contributor" },
    ]);
  });
});
