import { beforeAll, describe, expect, it } from "vitest";
import * as measuresRoute from "@/app/api/v1/instances/[instanceId]/measures/route";
import * as measureRoute from "@/app/api/v1/instances/[instanceId]/measures/[measureId]/route";
import * as segmentsRoute from "@/app/api/v1/instances/[instanceId]/segments/route";
import { type CallRouteInit, callRoute } from "../api/testing/call-route";
import { TEST_IDENTITIES } from "../auth/testing/test-tokens";
import { getDb } from "../db/client";
import { FABRIKAM_INSTANCE_ID, FABRIKAM_TENANT_ID } from "../seed/demo-identity";
import { insertProfiles, saveCustomAttributes } from "../segments/testing/profiles";
import { scope, seedIdentity } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { computeMeasure } from "./compute-measure";

useTestDatabase();

const base = `/api/v1/instances/${scope.instanceId}`;
const instanceParams = { instanceId: scope.instanceId };
type Handler = Parameters<typeof callRoute>[0];
const call = (handler: Handler, init: CallRouteInit) => callRoute(handler, { params: instanceParams, path: `${base}/measures`, ...init });
const at = (measureId: string) => ({ params: { ...instanceParams, measureId }, path: `${base}/measures/${measureId}` });
let counter = 0;
const create = (body: Record<string, unknown>, init: Partial<CallRouteInit> = {}) =>
  call(measuresRoute.POST, { method: "POST", body: { name: `Measure ${++counter}`, ...body }, ...init });
const valueOf = async (body: Record<string, unknown>) => {
  const result = await create(body);
  expect(result.status, result.text).toBe(201);
  return result.json.measure.value as number | null;
};
const issuePaths = (json: any) => (json?.error?.details?.issues ?? []).map((issue: { path: string }) => issue.path);

let madridId = "";
let nobodyId = "";

beforeAll(async () => {
  await seedIdentity(getDb());
  await saveCustomAttributes(scope, [
    { name: "spend", type: "number" },
    { name: "joinedOn", type: "date" },
    { name: "vip", type: "boolean" },
  ]);
  await insertProfiles(scope, [
    { id: "p1", city: "Madrid", customAttributes: { spend: 10.5, joinedOn: "2024-03-01", vip: true } },
    { id: "p2", city: "madrid", customAttributes: { spend: 4, joinedOn: "2023-12-31" } },
    { id: "p3", city: "Girona", customAttributes: { spend: "lots", vip: false } },
    { id: "p4", city: "" },
  ]);
  const segment = (name: string, value: string) =>
    callRoute(segmentsRoute.POST, {
      method: "POST",
      params: instanceParams,
      path: `${base}/segments`,
      body: { name, rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value }] } },
    });
  madridId = (await segment("Madrid", "MADRID")).json.segment.id;
  nobodyId = (await segment("Nobody", "Atlantis")).json.segment.id;
});

describe("measures API", () => {
  it("aggregates in SQL when created: counts, sums, averages, extremes and distinct values", async () => {
    expect(await valueOf({ aggregation: "count" })).toBe(4);
    expect(await valueOf({ aggregation: "count", attribute: "city" })).toBe(3);
    expect(await valueOf({ aggregation: "sum", attribute: "spend" })).toBe(14.5);
    expect(await valueOf({ aggregation: "avg", attribute: "spend" })).toBe(7.25);
    expect(await valueOf({ aggregation: "min", attribute: "spend" })).toBe(4);
    expect(await valueOf({ aggregation: "max", attribute: "joinedOn" })).toBe(Date.UTC(2024, 2, 1));
    expect(await valueOf({ aggregation: "min", attribute: "joinedOn" })).toBe(Date.UTC(2023, 11, 31));
    // Cities compare as segment rules compare them: Madrid and madrid are one.
    expect(await valueOf({ aggregation: "distinctCount", attribute: "city" })).toBe(2);
    expect(await valueOf({ aggregation: "distinctCount", attribute: "vip" })).toBe(2);
  });

  it("aggregates within a segment; over nobody, sums are 0 and averages have no value", async () => {
    expect(await valueOf({ aggregation: "count", segmentId: madridId })).toBe(2);
    expect(await valueOf({ aggregation: "sum", attribute: "spend", segmentId: madridId })).toBe(14.5);
    expect(await valueOf({ aggregation: "count", segmentId: nobodyId })).toBe(0);
    expect(await valueOf({ aggregation: "sum", attribute: "spend", segmentId: nobodyId })).toBe(0);
    expect(await valueOf({ aggregation: "avg", attribute: "spend", segmentId: nobodyId })).toBeNull();
    expect(await valueOf({ aggregation: "max", attribute: "joinedOn", segmentId: nobodyId })).toBeNull();
  });

  it("says how to read the value", async () => {
    const date = await create({ aggregation: "max", attribute: "joinedOn" });
    const count = await create({ aggregation: "distinctCount", attribute: "spend" });
    const number = await create({ aggregation: "avg", attribute: "spend" });
    expect([date, count, number].map((r) => r.json.measure.valueKind)).toEqual(["date", "count", "number"]);
  });

  it("refuses attributes that do not suit the aggregation, and segments not in the instance (422)", async () => {
    const fabrikamSegment = await getDb().segment.create({
      data: { tenantId: FABRIKAM_TENANT_ID, instanceId: FABRIKAM_INSTANCE_ID, name: "Theirs", rule: { combinator: "and", conditions: [{ attribute: "city", operator: "isEmpty" }] } },
    });
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ aggregation: "sum", attribute: "city" }, ["aggregation"]],
      [{ aggregation: "min", attribute: "vip" }, ["aggregation"]],
      [{ aggregation: "avg", attribute: "shoeSize" }, ["attribute"]],
      [{ aggregation: "avg" }, ["attribute"]],
      [{ aggregation: "count", segmentId: "seg_missing" }, ["segmentId"]],
      [{ aggregation: "count", segmentId: fabrikamSegment.id }, ["segmentId"]],
    ];
    const before = await getDb().measure.count();
    for (const [body, paths] of cases) {
      const result = await create(body);
      expect(result.status, result.text).toBe(422);
      expect(issuePaths(result.json), JSON.stringify(body)).toEqual(paths);
    }
    expect(await getDb().measure.count()).toBe(before);
  });

  it("updates as a whole: checked like a new one, recomputed when its definition changes", async () => {
    const created = await create({ name: "Spend", aggregation: "sum", attribute: "spend" });
    const id = created.json.measure.id as string;
    const bad = await call(measureRoute.PATCH, { method: "PATCH", body: { attribute: "city" }, ...at(id) });
    expect(bad.status).toBe(422);
    const changed = await call(measureRoute.PATCH, { method: "PATCH", body: { aggregation: "max" }, ...at(id) });
    expect(changed.json.measure).toMatchObject({ aggregation: "max", value: 10.5, previousValue: 14.5 });
    const renamed = await call(measureRoute.PATCH, { method: "PATCH", body: { name: "Top spend" }, ...at(id) });
    expect(renamed.json.measure).toMatchObject({ name: "Top spend", value: 10.5, previousValue: 14.5 });
    const detail = await call(measureRoute.GET, at(id));
    expect(detail.json.measure.computations.map((c: { value: number }) => c.value)).toEqual([10.5, 14.5]);
    const audit = await getDb().auditEntry.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["measure.created", "measure.updated", "measure.updated"]);
  });

  it("keeps names unique in the instance (409)", async () => {
    await create({ name: "Unique", aggregation: "count" });
    const taken = await create({ name: "Unique", aggregation: "count" });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details).toMatchObject({ reason: "measure_name_taken", name: "Unique" });
  });

  it("refuses to delete a measure that triggers watch (409 naming them), then deletes it", async () => {
    const created = await create({ name: "Watched", aggregation: "count" });
    const id = created.json.measure.id as string;
    const db = getDb();
    await db.triggerRegistration.create({
      data: {
        ...scope,
        id: "reg_watch",
        displayName: "Watcher",
        type: "measure.threshold.crossed",
        parameters: {},
        measureId: id,
        callbackUrl: "https://8.8.8.8/watch",
        secretCiphertext: "v1.a.b.c",
        ownerId: "user-contoso-admin",
      },
    });
    const refused = await call(measureRoute.DELETE, { method: "DELETE", ...at(id) });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toEqual({ reason: "measure_in_use", name: "Watched", triggers: [{ id: "reg_watch", displayName: "Watcher" }] });
    await db.triggerRegistration.delete({ where: { id: "reg_watch" } });
    expect((await call(measureRoute.DELETE, { method: "DELETE", ...at(id) })).status).toBe(204);
    expect(await db.measureComputation.count({ where: { measureId: id } })).toBe(0);
    expect((await call(measureRoute.GET, at(id))).status).toBe(404);
  });

  it("lets Viewers read but not write, and answers 404 for another tenant's measure", async () => {
    const created = await create({ name: "Private", aggregation: "count" });
    const id = created.json.measure.id as string;
    expect((await create({ aggregation: "count" }, { as: "Viewer" })).status).toBe(403);
    const list = await call(measuresRoute.GET, { as: "Viewer" });
    expect(list.status).toBe(200);
    expect(list.json.measures.map((m: { id: string }) => m.id)).toContain(id);
    const fabrikam = TEST_IDENTITIES.fabrikamAdmin;
    const theirs = await callRoute(measureRoute.GET, {
      as: fabrikam,
      params: { instanceId: FABRIKAM_INSTANCE_ID, measureId: id },
      path: `/api/v1/instances/${FABRIKAM_INSTANCE_ID}/measures/${id}`,
    });
    expect(theirs.status).toBe(404);
    expect(theirs.json.error.details).toEqual({ resource: "measure" });
    expect((await call(measureRoute.PATCH, { method: "PATCH", as: fabrikam, body: { name: "x" }, ...at(id) })).status).toBe(404);
  });
});

describe("computeMeasure", () => {
  it("records each computation with the previous value, its refresh job and time", async () => {
    const created = await create({ aggregation: "count", segmentId: madridId });
    const measureId = created.json.measure.id as string;
    const now = new Date("2026-11-27T12:00:00.000Z");
    await insertProfiles(scope, [{ id: "p9", city: "MADRID" }]);
    const result = await computeMeasure(getDb(), { ...scope, measureId, refreshJobId: "job_1", now });
    expect(result).toMatchObject({ previousValue: 2, computation: { value: 3, refreshJobId: "job_1", computedAt: now.toISOString() } });
    await getDb().customerProfile.delete({ where: { id: "p9" } });
    await expect(computeMeasure(getDb(), { tenantId: FABRIKAM_TENANT_ID, instanceId: FABRIKAM_INSTANCE_ID, measureId })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
