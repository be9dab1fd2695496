import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as item from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import * as pause from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as resume from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume/route";
import { callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, FABRIKAM_INSTANCE_ID, FABRIKAM_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { scope } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import {
  computeMeasureValue,
  computeSegmentSize,
  createMeasure,
  createSegment,
  writeMeasureValue,
  writeSegmentSize,
} from "../testing/threshold-subjects";
import { commitWithEvents } from "../events/commit-with-events";
import { backtest } from "../triggers/thresholds/crossing";
import { evaluateThresholdCrossings } from "./evaluate-crossings";

// Threshold triggers end to end below the producer: registrations made through the API take their
// baseline from the latest computation, and each computation's crossings become events that reach
// exactly the registrations that crossed.

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
});

const instanceParams = { instanceId: DEMO_INSTANCE_ID };
const register = async (type: "segment.threshold.crossed" | "measure.threshold.crossed", parameters: Record<string, unknown>) => {
  const created = await callRoute(collection.POST, {
    method: "POST",
    params: instanceParams,
    body: { displayName: `Threshold ${String(parameters.threshold)}`, type, parameters, callbackUrl: "https://8.8.8.8/hooks" },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.registration as { id: string; parameters: Record<string, unknown>; subjectName: string | null; thresholdState: unknown };
};
const itemCall = (handler: typeof item.PATCH, registrationId: string, body?: unknown) =>
  callRoute(handler, { method: "PATCH", params: { instanceId: DEMO_INSTANCE_ID, registrationId }, body });
const stateOf = async (id: string) => (await getDb().triggerRegistration.findUniqueOrThrow({ where: { id } })).thresholdState;

/** Every event that reached a registration, oldest first, with its data. */
const received = async (registrationId: string) => {
  const deliveries = await getDb().delivery.findMany({ where: { ...scope, registrationId }, include: { event: true }, orderBy: { createdAt: "asc" } });
  return deliveries.map((delivery) => JSON.parse(delivery.event.payload) as { type: string; test: boolean; data: Record<string, unknown> });
};

describe("segment threshold triggers", () => {
  it("take the latest computation as their baseline and fire once per crossing, each only to itself", async () => {
    const segment = await createSegment("Loyal customers");
    await writeSegmentSize(segment.id, 70, { computedAt: new Date(Date.now() - 60_000) });
    await writeSegmentSize(segment.id, 80);
    const above = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 100 });
    const either = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 125, direction: "either" });
    const margin = await register("segment.threshold.crossed", {
      segmentId: segment.id,
      threshold: 100,
      direction: "above",
      hysteresis: { kind: "absolute", value: 10 },
    });
    expect(above).toMatchObject({ subjectName: "Loyal customers", parameters: { segmentId: segment.id, threshold: 100, direction: "above" } });
    expect(above.thresholdState).toEqual({ lastValue: 80, armedAbove: true, armedBelow: false });

    const series = [90, 120, 130, 95, 110];
    const results = [];
    for (const size of series) results.push(await computeSegmentSize(segment, size, { refreshJobId: size === 120 ? "job_full_1" : null }));

    // The back-test of the same series from the same baseline says the same.
    expect(backtest({ threshold: 100, direction: "above" }, series, 80).firings.map((f) => f.index)).toEqual([1, 4]);
    expect((await received(above.id)).map((event) => [event.data.crossed, event.data.currentValue])).toEqual([["above", 120], ["above", 110]]);
    expect((await received(either.id)).map((event) => [event.data.crossed, event.data.currentValue])).toEqual([["above", 130], ["below", 95]]);
    // 95 is not at or below 100 − 10: no re-arming, so 110 does not fire again.
    expect((await received(margin.id)).map((event) => event.data.currentValue)).toEqual([120]);
    expect(results.map((firings) => firings.map((firing) => firing.registrationId).sort())).toEqual([
      [],
      [above.id, margin.id].sort(),
      [either.id],
      [either.id],
      [above.id],
    ]);

    // One event per firing registration, each delivered once.
    const events = await getDb().event.findMany({ where: { ...scope, type: "segment.threshold.crossed" }, include: { deliveries: true } });
    expect(events).toHaveLength(5);
    for (const event of events) expect(event.deliveries).toHaveLength(1);

    const [first] = await received(above.id);
    expect(first).toMatchObject({ type: "segment.threshold.crossed", test: false });
    expect(first!.data).toEqual({
      segment: { id: segment.id, name: "Loyal customers" },
      instance: { id: DEMO_INSTANCE_ID, name: "Contoso Retail" },
      threshold: 100,
      direction: "above",
      crossed: "above",
      previousValue: 90,
      currentValue: 120,
      hysteresis: null,
      computedAt: expect.any(String),
      refreshJobId: "job_full_1",
    });
    expect((await received(margin.id))[0]!.data.hysteresis).toEqual({ kind: "absolute", value: 10, margin: 10 });
    expect(await stateOf(above.id)).toEqual({ lastValue: 110, armedAbove: false, armedBelow: true });
    // State writes are not edits: updatedAt moves only when an event fires (lastFiredAt).
    const row = await getDb().triggerRegistration.findUniqueOrThrow({ where: { id: margin.id } });
    expect(row.updatedAt.getTime()).toBeLessThanOrEqual(row.lastFiredAt!.getTime());
  });

  it("without a computation yet, the first value becomes the baseline and fires nothing", async () => {
    const segment = await createSegment("New segment");
    const registration = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 10 });
    expect(registration.thresholdState).toEqual({ lastValue: null, armedAbove: false, armedBelow: false });
    await computeSegmentSize(segment, 50);
    expect(await received(registration.id)).toEqual([]);
    await computeSegmentSize(segment, 5);
    await computeSegmentSize(segment, 12);
    expect((await received(registration.id)).map((event) => event.data.previousValue)).toEqual([5]);
  });

  it("a paused registration is told nothing but keeps tracking: a crossing it missed is not sent on resume", async () => {
    const segment = await createSegment("Churn risk");
    await writeSegmentSize(segment.id, 40);
    const registration = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 50 });
    const other = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 50 });
    expect((await callRoute(pause.POST, { method: "POST", params: { instanceId: DEMO_INSTANCE_ID, registrationId: registration.id } })).status).toBe(200);

    await computeSegmentSize(segment, 60);
    expect(await received(registration.id)).toEqual([]);
    expect(await received(other.id)).toHaveLength(1);
    expect(await stateOf(registration.id)).toEqual({ lastValue: 60, armedAbove: false, armedBelow: true });

    expect((await callRoute(resume.POST, { method: "POST", params: { instanceId: DEMO_INSTANCE_ID, registrationId: registration.id } })).status).toBe(200);
    await computeSegmentSize(segment, 70);
    expect(await received(registration.id)).toEqual([]);
    await computeSegmentSize(segment, 45);
    await computeSegmentSize(segment, 55);
    expect((await received(registration.id)).map((event) => event.data.currentValue)).toEqual([55]);
  });

  it("computations of one segment committing side by side step the state one after the other: one crossing, one event", async () => {
    const segment = await createSegment("Raced");
    await writeSegmentSize(segment.id, 10);
    const registration = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 50 });
    const compute = (size: number, holdMs: number) =>
      commitWithEvents(getDb(), async (tx, emit) => {
        const firings = await evaluateThresholdCrossings(tx, emit, {
          tenantId: scope.tenantId,
          instance: { id: DEMO_INSTANCE_ID, name: "Contoso Retail" },
          type: "segment.threshold.crossed",
          segment,
          currentValue: size,
          computedAt: new Date(),
          refreshJobId: null,
        });
        // The first stays open while the second evaluates: it must wait, then see the first's state.
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        return firings;
      });
    const first = compute(60, 400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const results = await Promise.all([first, compute(70, 0)]);
    expect(results.map((firings) => firings.length)).toEqual([1, 0]);
    expect(await received(registration.id)).toHaveLength(1);
    expect(await stateOf(registration.id)).toEqual({ lastValue: 70, armedAbove: false, armedBelow: true });
  });

  it("a registration watching another segment is untouched", async () => {
    const [watched, other] = [await createSegment("Watched"), await createSegment("Other")];
    await writeSegmentSize(other.id, 1);
    const registration = await register("segment.threshold.crossed", { segmentId: other.id, threshold: 10 });
    await computeSegmentSize(watched, 1_000);
    expect(await received(registration.id)).toEqual([]);
    expect(await stateOf(registration.id)).toEqual({ lastValue: 1, armedAbove: true, armedBelow: false });
  });

  it("a PATCH that changes the watch starts again from the latest computation; the same parameters keep the state", async () => {
    const segment = await createSegment("Repeat buyers");
    await writeSegmentSize(segment.id, 100);
    const registration = await register("segment.threshold.crossed", { segmentId: segment.id, threshold: 150 });
    await computeSegmentSize(segment, 200);
    expect(await stateOf(registration.id)).toEqual({ lastValue: 200, armedAbove: false, armedBelow: true });

    const same = await itemCall(item.PATCH, registration.id, { parameters: { segmentId: segment.id, threshold: 150, direction: "above" } });
    expect(same.status).toBe(200);
    expect(await stateOf(registration.id)).toEqual({ lastValue: 200, armedAbove: false, armedBelow: true });

    const moved = await itemCall(item.PATCH, registration.id, { parameters: { segmentId: segment.id, threshold: 250 } });
    expect(moved.status).toBe(200);
    expect(moved.json.registration.thresholdState).toEqual({ lastValue: 200, armedAbove: true, armedBelow: false });
    await computeSegmentSize(segment, 260);
    expect((await received(registration.id)).map((event) => [event.data.threshold, event.data.previousValue])).toEqual([[150, 100], [250, 200]]);

    const audit = await getDb().auditEntry.findFirst({ where: { targetId: registration.id, action: "triggerRegistration.updated" }, orderBy: { createdAt: "desc" } });
    expect(audit?.changes).toMatchObject({ parameters: { before: { threshold: 150 }, after: { threshold: 250 } } });
  });

  it("refuses a segment of another instance (or none) with 422 on its parameter, and bad thresholds", async () => {
    const foreign = await createSegment("Fabrikam's", { tenantId: FABRIKAM_TENANT_ID, instanceId: FABRIKAM_INSTANCE_ID });
    for (const segmentId of [foreign.id, "seg_missing"]) {
      const refused = await callRoute(collection.POST, {
        method: "POST",
        params: instanceParams,
        body: { displayName: "x", type: "segment.threshold.crossed", parameters: { segmentId, threshold: 1 }, callbackUrl: "https://8.8.8.8/hooks" },
      });
      expect(refused.status).toBe(422);
      expect(refused.json.error).toMatchObject({
        code: "validation_failed",
        details: { reason: "segment_not_in_instance", issues: [{ path: "parameters.segmentId" }] },
      });
    }
    const segment = await createSegment("Checked");
    for (const parameters of [
      { segmentId: segment.id },
      { segmentId: segment.id, threshold: "10" },
      { segmentId: segment.id, threshold: 10, direction: "sideways" },
      { segmentId: segment.id, threshold: 10, hysteresis: { kind: "percent", value: -1 } },
      { segmentId: null, threshold: 10 },
    ]) {
      const refused = await callRoute(collection.POST, {
        method: "POST",
        params: instanceParams,
        body: { displayName: "x", type: "segment.threshold.crossed", parameters, callbackUrl: "https://8.8.8.8/hooks" },
      });
      expect(refused.status, JSON.stringify(parameters)).toBe(422);
    }
  });
});

describe("measure threshold triggers", () => {
  it("fire below with a percent margin, skip values with nothing to aggregate, and describe the measure", async () => {
    const measure = await createMeasure("Revenue");
    await writeMeasureValue(measure.id, null);
    const registration = await register("measure.threshold.crossed", {
      measureId: measure.id,
      threshold: 1_000,
      direction: "below",
      hysteresis: { kind: "percent", value: 5 },
    });
    expect(registration.thresholdState).toEqual({ lastValue: null, armedAbove: false, armedBelow: false });
    // 1,200 is the baseline; 990 crosses; 1,020 is not past 1,050; 980 does not fire; 1,060 re-arms; null says nothing; 999.5 crosses.
    for (const value of [1_200, 990, 1_020, 980, 1_060, null, 999.5]) await computeMeasureValue(measure, value);
    const events = await received(registration.id);
    expect(events.map((event) => [event.data.previousValue, event.data.currentValue])).toEqual([[1_200, 990], [1_060, 999.5]]);
    expect(events[0]!.data).toMatchObject({
      measure: { id: measure.id, name: "Revenue", aggregation: "sum", attribute: "orderValue", segmentId: null },
      threshold: 1_000,
      direction: "below",
      crossed: "below",
      hysteresis: { kind: "percent", value: 5, margin: 50 },
      refreshJobId: null,
    });
  });

  it("refuses a measure of another instance with 422 on its parameter", async () => {
    const refused = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { displayName: "x", type: "measure.threshold.crossed", parameters: { measureId: "msr_elsewhere", threshold: 1 }, callbackUrl: "https://8.8.8.8/hooks" },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toMatchObject({ reason: "measure_not_in_instance", issues: [{ path: "parameters.measureId" }] });
  });
});
