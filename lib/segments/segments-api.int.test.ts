import { beforeAll, describe, expect, it } from "vitest";
import * as segmentsRoute from "@/app/api/v1/instances/[instanceId]/segments/route";
import * as segmentRoute from "@/app/api/v1/instances/[instanceId]/segments/[segmentId]/route";
import * as membersRoute from "@/app/api/v1/instances/[instanceId]/segments/[segmentId]/members/route";
import * as previewRoute from "@/app/api/v1/instances/[instanceId]/segments/preview/route";
import { type CallRouteInit, callRoute } from "../api/testing/call-route";
import { TEST_IDENTITIES } from "../auth/testing/test-tokens";
import { getDb } from "../db/client";
import { FABRIKAM_INSTANCE_ID } from "../seed/demo-identity";
import { scope, seedIdentity } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { computeSegment } from "./compute-segment";
import { insertProfiles, saveCustomAttributes } from "./testing/profiles";

useTestDatabase();

const base = `/api/v1/instances/${scope.instanceId}/segments`;
const instanceParams = { instanceId: scope.instanceId };
type Handler = Parameters<typeof callRoute>[0];
const call = (handler: Handler, init: CallRouteInit) => callRoute(handler, { params: instanceParams, path: base, ...init });
const at = (segmentId: string) => ({ params: { ...instanceParams, segmentId }, path: `${base}/${segmentId}` });

const madrid = { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "madrid" }] };
const create = (body: unknown, init: Partial<CallRouteInit> = {}) => call(segmentsRoute.POST, { method: "POST", body, ...init });
const issuePaths = (json: any) => (json?.error?.details?.issues ?? []).map((issue: { path: string }) => issue.path);

beforeAll(async () => {
  await seedIdentity(getDb());
  await saveCustomAttributes(scope, [
    { name: "score", type: "number" },
    { name: "vip", type: "boolean" },
  ]);
  await insertProfiles(scope, [
    { id: "p1", city: "Madrid", customAttributes: { score: 10, vip: true } },
    { id: "p2", city: "MADRID", customAttributes: { score: 3 } },
    { id: "p3", city: "Girona", customAttributes: { vip: false } },
    { id: "p4", city: null },
  ]);
});

describe("segments API", () => {
  it("creates a segment with its first size, lists it, and records the audit entry", async () => {
    const created = await create({ name: "Madrid", rule: madrid });
    expect(created.status, created.text).toBe(201);
    expect(created.json.segment).toMatchObject({ name: "Madrid", description: "", size: 2, previousSize: null, rule: madrid });
    const list = await call(segmentsRoute.GET, {});
    expect(list.json.segments.map((s: { name: string; size: number }) => [s.name, s.size])).toContainEqual(["Madrid", 2]);
    const audit = await getDb().auditEntry.findMany({ where: { targetId: created.json.segment.id } });
    expect(audit.map((entry) => entry.action)).toEqual(["segment.created"]);
  });

  it("refuses a rule that does not fit the instance's attributes, pointing at the condition (422, nothing written)", async () => {
    const before = await getDb().segment.count();
    const cases: Array<[unknown, string]> = [
      [{ combinator: "and", conditions: [{ attribute: "shoeSize", operator: "eq", value: "42" }] }, "rule.conditions.0.attribute"],
      [{ combinator: "or", conditions: [madrid.conditions[0], { attribute: "vip", operator: "gt", value: true }] }, "rule.conditions.1.operator"],
      [{ combinator: "and", conditions: [{ combinator: "or", conditions: [madrid.conditions[0], { attribute: "score", operator: "eq", value: "ten" }] }] }, "rule.conditions.0.conditions.1.value"],
      [{ combinator: "and", conditions: [{ attribute: "birthDate", operator: "lt", value: "31/12/1990" }] }, "rule.conditions.0.value"],
      [{ combinator: "and", conditions: [{ attribute: "city", operator: "gt", value: "M" }] }, "rule.conditions.0.operator"],
    ];
    for (const [rule, path] of cases) {
      const result = await create({ name: `Bad ${path}`, rule });
      expect(result.status, result.text).toBe(422);
      expect(result.json.error.code).toBe("validation_failed");
      expect(issuePaths(result.json)).toEqual([path]);
    }
    expect(await getDb().segment.count()).toBe(before);
  });

  it("refuses malformed rules by their schema", async () => {
    const malformed = [
      { combinator: "and", conditions: [] },
      { combinator: "xor", conditions: [madrid.conditions[0]] },
      { combinator: "and", conditions: [{ attribute: "city", operator: "isEmpty", value: "x" }] },
      { combinator: "and", conditions: [{ attribute: "city", operator: "in", value: [] }] },
      { combinator: "and", conditions: [{ attribute: "city", operator: "eq" }] },
      // Two levels of nesting.
      { combinator: "and", conditions: [{ combinator: "or", conditions: [{ combinator: "and", conditions: [madrid.conditions[0]] }] }] },
    ];
    for (const rule of malformed) {
      const result = await create({ name: "Malformed", rule });
      expect(result.status, JSON.stringify(rule)).toBe(422);
    }
  });

  it("keeps names unique in the instance (409 on create and on rename)", async () => {
    const taken = await create({ name: "Madrid", rule: madrid });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details).toMatchObject({ reason: "segment_name_taken", name: "Madrid" });
    const other = await create({ name: "Girona", rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "Girona" }] } });
    const renamed = await call(segmentRoute.PATCH, { method: "PATCH", body: { name: "Madrid" }, ...at(other.json.segment.id) });
    expect(renamed.status).toBe(409);
    expect(renamed.json.error.details.reason).toBe("segment_name_taken");
  });

  it("recomputes a changed rule and keeps the history; a rename computes nothing", async () => {
    const created = await create({ name: "Scores", rule: { combinator: "and", conditions: [{ attribute: "score", operator: "gte", value: 3 }] } });
    const id = created.json.segment.id as string;
    expect(created.json.segment.size).toBe(2);
    const changed = await call(segmentRoute.PATCH, {
      method: "PATCH",
      body: { rule: { combinator: "and", conditions: [{ attribute: "score", operator: "gt", value: 5 }] } },
      ...at(id),
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.segment).toMatchObject({ size: 1, previousSize: 2 });
    const renamed = await call(segmentRoute.PATCH, { method: "PATCH", body: { name: "High scores", description: "Above five" }, ...at(id) });
    expect(renamed.json.segment).toMatchObject({ name: "High scores", description: "Above five", size: 1, previousSize: 2 });
    const detail = await call(segmentRoute.GET, at(id));
    expect(detail.json.segment.computations.map((c: { size: number }) => c.size)).toEqual([1, 2]);
    const audit = await getDb().auditEntry.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["segment.created", "segment.updated", "segment.updated"]);
  });

  it("lists a segment's members a page at a time", async () => {
    const created = await create({ name: "Has a city", rule: { combinator: "and", conditions: [{ attribute: "city", operator: "neq", value: "nowhere" }] } });
    const id = created.json.segment.id as string;
    const page = await call(membersRoute.GET, { params: { ...instanceParams, segmentId: id }, path: `${base}/${id}/members?$top=2&$skip=1` });
    expect(page.status, page.text).toBe(200);
    expect(page.json.total).toBe(3);
    expect(page.json.profiles.map((p: { id: string }) => p.id)).toEqual(["p2", "p3"]);
    expect(page.json.profiles[0].attributes).toMatchObject({ city: "MADRID", score: 3 });
  });

  it("previews a rule without saving anything, for Viewers too", async () => {
    const before = await getDb().segmentComputation.count();
    const rule = { combinator: "or", conditions: [{ attribute: "vip", operator: "eq", value: true }, { attribute: "city", operator: "isEmpty" }] };
    const preview = await call(previewRoute.POST, { method: "POST", as: "Viewer", body: { rule }, path: `${base}/preview` });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.size).toBe(2);
    expect(preview.json.profiles.map((p: { id: string }) => p.id)).toEqual(["p1", "p4"]);
    expect(await getDb().segmentComputation.count()).toBe(before);
    const bad = await call(previewRoute.POST, { method: "POST", body: { rule: { combinator: "and", conditions: [{ attribute: "nope", operator: "isEmpty" }] } }, path: `${base}/preview` });
    expect(bad.status).toBe(422);
  });

  it("lets Viewers read but not write", async () => {
    expect((await create({ name: "Viewer's", rule: madrid }, { as: "Viewer" })).status).toBe(403);
    expect((await call(segmentsRoute.GET, { as: "Viewer" })).status).toBe(200);
  });

  it("refuses to delete a segment that a measure or a trigger uses (409 naming them), then deletes it with its history", async () => {
    const created = await create({ name: "Used", rule: madrid });
    const id = created.json.segment.id as string;
    const db = getDb();
    await db.measure.create({ data: { ...scope, id: "msr_used", name: "Used count", aggregation: "count", segmentId: id } });
    await db.triggerRegistration.create({
      data: {
        ...scope,
        id: "reg_used",
        displayName: "Used trigger",
        type: "segment.threshold.crossed",
        parameters: {},
        segmentId: id,
        callbackUrl: "https://8.8.8.8/used",
        secretCiphertext: "v1.a.b.c",
        ownerId: "user-contoso-admin",
      },
    });
    const refused = await call(segmentRoute.DELETE, { method: "DELETE", ...at(id) });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toEqual({
      reason: "segment_in_use",
      name: "Used",
      triggers: [{ id: "reg_used", displayName: "Used trigger" }],
      measures: [{ id: "msr_used", name: "Used count" }],
    });
    await db.triggerRegistration.delete({ where: { id: "reg_used" } });
    expect((await call(segmentRoute.DELETE, { method: "DELETE", ...at(id) })).json.error.details.triggers).toEqual([]);
    await db.measure.delete({ where: { id: "msr_used" } });
    const deleted = await call(segmentRoute.DELETE, { method: "DELETE", ...at(id) });
    expect(deleted.status, deleted.text).toBe(204);
    expect(await db.segmentComputation.count({ where: { segmentId: id } })).toBe(0);
    expect((await db.auditEntry.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual([
      "segment.created",
      "segment.deleted",
    ]);
    expect((await call(segmentRoute.GET, at(id))).status).toBe(404);
  });

  it("answers 404 for another tenant's segment, in either instance", async () => {
    const created = await create({ name: "Contoso's", rule: madrid });
    const id = created.json.segment.id as string;
    const fabrikam = TEST_IDENTITIES.fabrikamAdmin;
    const own = await callRoute(segmentRoute.GET, { as: fabrikam, params: { instanceId: FABRIKAM_INSTANCE_ID, segmentId: id }, path: `/api/v1/instances/${FABRIKAM_INSTANCE_ID}/segments/${id}` });
    expect(own.status).toBe(404);
    expect(own.json.error.details).toEqual({ resource: "segment" });
    expect((await call(segmentRoute.GET, { as: fabrikam, ...at(id) })).status).toBe(404);
    expect((await call(segmentRoute.DELETE, { method: "DELETE", as: fabrikam, ...at(id) })).status).toBe(404);
    expect(await getDb().segment.count({ where: { id } })).toBe(1);
  });
});

describe("computeSegment", () => {
  it("records each computation with the previous size, its refresh job and time", async () => {
    const created = await create({ name: "Computed", rule: madrid });
    const segmentId = created.json.segment.id as string;
    const now = new Date("2026-11-27T12:00:00.000Z");
    const first = await computeSegment(getDb(), { ...scope, segmentId, refreshJobId: "job_1", now });
    expect(first).toMatchObject({ previousSize: 2, computation: { size: 2, refreshJobId: "job_1", computedAt: now.toISOString() } });
    await insertProfiles(scope, [{ id: "p5", city: "madrid" }]);
    const second = await computeSegment(getDb(), { ...scope, segmentId, now: new Date(now.getTime() + 1000) });
    expect(second).toMatchObject({ previousSize: 2, computation: { size: 3, refreshJobId: null } });
    await getDb().customerProfile.delete({ where: { id: "p5" } });
    await expect(computeSegment(getDb(), { ...scope, instanceId: FABRIKAM_INSTANCE_ID, segmentId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a stored rule that today's schema no longer reads", () => {
  // As a rule saved by an earlier version would be, after a limit was tightened: no conditions.
  const unreadable = { combinator: "and", conditions: [] };
  const saveUnreadable = async (name: string) => {
    const created = await create({ name, rule: madrid });
    expect(created.status, created.text).toBe(201);
    const id = created.json.segment.id as string;
    await getDb().segment.update({ where: { id }, data: { rule: unreadable } });
    return id;
  };

  it("still reads and lists the segment, its rule null, never a 4xx or 5xx", async () => {
    const id = await saveUnreadable("Old Madrid");
    const one = await call(segmentRoute.GET, { ...at(id) });
    expect(one.status, one.text).toBe(200);
    expect(one.json.segment).toMatchObject({ id, name: "Old Madrid", rule: null, size: 2 });
    const list = await call(segmentsRoute.GET, {});
    expect(list.status).toBe(200);
    expect(list.json.segments.find((segment: { id: string }) => segment.id === id)).toMatchObject({ rule: null });
  });

  it("answers its members and its computation with 409 segment_rule_invalid, naming it, and counts again once a rule is saved", async () => {
    const id = await saveUnreadable("Older Madrid");
    const members = await call(membersRoute.GET, { params: { ...instanceParams, segmentId: id }, path: `${base}/${id}/members` });
    expect(members.status, members.text).toBe(409);
    expect(members.json.error).toMatchObject({ code: "conflict", details: { reason: "segment_rule_invalid", segmentId: id, name: "Older Madrid" } });
    await expect(computeSegment(getDb(), { ...scope, segmentId: id })).rejects.toMatchObject({ code: "conflict", details: { reason: "segment_rule_invalid" } });

    const saved = await call(segmentRoute.PATCH, { method: "PATCH", ...at(id), body: { rule: madrid } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.segment).toMatchObject({ rule: madrid, size: 2 });
  });
});
