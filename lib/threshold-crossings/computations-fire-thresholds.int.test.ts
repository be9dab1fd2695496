import { beforeAll, describe, expect, it } from "vitest";
import * as measuresRoute from "@/app/api/v1/instances/[instanceId]/measures/route";
import * as segmentRoute from "@/app/api/v1/instances/[instanceId]/segments/[segmentId]/route";
import * as segmentsRoute from "@/app/api/v1/instances/[instanceId]/segments/route";
import * as registrationsRoute from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import { callRoute } from "../api/testing/call-route";
import { getDb } from "../db/client";
import { computeMeasure } from "../measures/compute-measure";
import { commitWithEvents } from "../events/commit-with-events";
import { computeSegment, computeSegmentIn } from "../segments/compute-segment";
import { insertProfiles, saveCustomAttributes } from "../segments/testing/profiles";
import { scope, seedIdentity } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";

// The real producers: computeSegment and computeMeasure count in SQL over the profiles, and their
// computations step the threshold triggers watching them in the same transaction (the state
// machine itself is tested in crossing.test.ts and threshold-triggers.int.test.ts).

useTestDatabase();

const params = { instanceId: scope.instanceId };
const post = async <T>(handler: Parameters<typeof callRoute>[0], body: unknown) => {
  const result = await callRoute(handler, { method: "POST", params, body });
  expect(result.status, JSON.stringify(result.json)).toBe(201);
  return result.json as T;
};
const eventsOf = async (registrationId: string) => {
  const deliveries = await getDb().delivery.findMany({ where: { ...scope, registrationId }, include: { event: true }, orderBy: { createdAt: "asc" } });
  return deliveries.map((delivery) => JSON.parse(delivery.event.payload) as { type: string; data: Record<string, any> });
};

beforeAll(async () => {
  await seedIdentity(getDb());
  await saveCustomAttributes(scope, [{ name: "spend", type: "number" }]);
  await insertProfiles(scope, [
    { id: "p1", city: "Girona", customAttributes: { spend: 100 } },
    { id: "p2", city: "Girona", customAttributes: { spend: 50 } },
  ]);
});

describe("computations fire the threshold triggers that watch them", () => {
  it("a segment growing past its threshold fires once, with the previous and current size", async () => {
    const { segment } = await post<{ segment: { id: string } }>(segmentsRoute.POST, {
      name: "Girona customers",
      rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "girona" }] },
    });
    const { registration } = await post<{ registration: { id: string } }>(registrationsRoute.POST, {
      displayName: "Girona above 2",
      type: "segment.threshold.crossed",
      parameters: { segmentId: segment.id, threshold: 2, direction: "above" },
      callbackUrl: "https://8.8.8.8/hooks",
    });

    await computeSegment(getDb(), { ...scope, segmentId: segment.id });
    expect(await eventsOf(registration.id)).toEqual([]);

    await insertProfiles(scope, [{ id: "p3", city: "GIRONA", customAttributes: { spend: 10 } }]);
    await computeSegment(getDb(), { ...scope, segmentId: segment.id, refreshJobId: "job_test" });
    await computeSegment(getDb(), { ...scope, segmentId: segment.id });

    const events = await eventsOf(registration.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "segment.threshold.crossed",
      data: { segment: { id: segment.id, name: "Girona customers" }, threshold: 2, direction: "above", crossed: "above", previousValue: 2, currentValue: 3, refreshJobId: "job_test" },
    });
  });

  it("a changed rule is a new starting point, not a crossing; the data moving past the threshold after it is", async () => {
    const { segment } = await post<{ segment: { id: string } }>(segmentsRoute.POST, {
      name: "Big spenders",
      rule: { combinator: "and", conditions: [{ attribute: "spend", operator: "gte", value: 1000 }] },
    });
    const { registration } = await post<{ registration: { id: string } }>(registrationsRoute.POST, {
      displayName: "Big spenders above 1",
      type: "segment.threshold.crossed",
      parameters: { segmentId: segment.id, threshold: 1, direction: "above" },
      callbackUrl: "https://8.8.8.8/hooks",
    });
    // Broadened to everybody with any spend: the size jumps from 0 past 1, yet no data changed.
    const patched = await callRoute(segmentRoute.PATCH, {
      method: "PATCH",
      params: { ...params, segmentId: segment.id },
      body: { rule: { combinator: "and", conditions: [{ attribute: "spend", operator: "gte", value: 1 }] } },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    await computeSegment(getDb(), { ...scope, segmentId: segment.id });
    expect(await eventsOf(registration.id)).toEqual([]);

    // Narrowed back to nobody, then the data gives it members: that is a crossing.
    await callRoute(segmentRoute.PATCH, {
      method: "PATCH",
      params: { ...params, segmentId: segment.id },
      body: { rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "Andorra la Vella" }] } },
    });
    await insertProfiles(scope, [
      { id: "p7", city: "Andorra la Vella" },
      { id: "p8", city: "Andorra la Vella" },
    ]);
    await computeSegment(getDb(), { ...scope, segmentId: segment.id });
    expect((await eventsOf(registration.id)).map((event) => [event.data.previousValue, event.data.currentValue])).toEqual([[0, 2]]);
  });

  it("a measure falling below its threshold fires once, and again only after rising past the margin", async () => {
    const { measure } = await post<{ measure: { id: string } }>(measuresRoute.POST, { name: "Total spend", aggregation: "sum", attribute: "spend" });
    const { registration } = await post<{ registration: { id: string } }>(registrationsRoute.POST, {
      displayName: "Spend below 150",
      type: "measure.threshold.crossed",
      parameters: { measureId: measure.id, threshold: 150, direction: "below", hysteresis: { kind: "absolute", value: 20 } },
      callbackUrl: "https://8.8.8.8/hooks",
    });
    const spend = async (id: string, value: number) => {
      await getDb().customerProfile.update({ where: { id }, data: { customAttributes: { spend: value } } });
      await computeMeasure(getDb(), { ...scope, measureId: measure.id });
    };

    await spend("p1", 80); // 160 → 140: below
    await spend("p1", 95); // 155: above T but inside the margin, not re-armed
    await spend("p1", 80); // 140: no second event
    expect((await eventsOf(registration.id)).map((event) => event.data.currentValue)).toEqual([140]);

    await spend("p1", 120); // 180: past T + margin, re-armed
    await spend("p1", 70); // 130: below again
    const events = await eventsOf(registration.id);
    expect(events.map((event) => [event.data.previousValue, event.data.currentValue])).toEqual([
      [160, 140],
      [180, 130],
    ]);
    expect(events[0]!.data.measure).toMatchObject({ id: measure.id, name: "Total spend", aggregation: "sum", attribute: "spend" });
  });

  it.runIf(process.env.TEST_DB_PROVIDER === "postgresql")(
    "a trigger registered while a computation commits starts from the value that computation commits (PostgreSQL)",
    async () => {
      const { segment } = await post<{ segment: { id: string } }>(segmentsRoute.POST, {
        name: "Lleida customers",
        rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "Lleida" }] },
      });
      await insertProfiles(scope, [{ id: "l1", city: "Lleida" }]);
      const db = getDb();
      const locksOn = async (table: string) =>
        Number(
          ((await db.$queryRawUnsafe(
            `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = $1 AND l.mode = 'RowShareLock' AND l.pid <> pg_backend_pid()`,
            table,
          )) as { n: bigint }[])[0]!.n,
        );
      const waitingForALock = async () =>
        Number(
          ((await db.$queryRawUnsafe(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )) as { n: bigint }[])[0]!.n,
        ) > 0;
      const until = async (condition: () => Promise<boolean>) => {
        for (let tries = 0; !(await condition()); tries++) {
          if (tries > 500) throw new Error("timed out");
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };

      // The computation of size 1 holds its transaction open after stepping the (no) registrations.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const computing = commitWithEvents(db, async (tx, emit) => {
        const result = await computeSegmentIn(tx, emit, { ...scope, segmentId: segment.id });
        await held;
        return result;
      });
      await until(async () => (await locksOn("TriggerRegistration")) > 0);
      let registered = false;
      const registering = post<{ registration: { id: string } }>(registrationsRoute.POST, {
        displayName: "Lleida above 0",
        type: "segment.threshold.crossed",
        parameters: { segmentId: segment.id, threshold: 0, direction: "above" },
        callbackUrl: "https://8.8.8.8/hooks",
      }).finally(() => (registered = true));
      // The registration waits for the computation (or, unlocked, would be done already).
      await until(async () => registered || (await waitingForALock()));
      release();
      await computing;
      const { registration } = await registering;
      const state = (await db.triggerRegistration.findUniqueOrThrow({ where: { id: registration.id } })).thresholdState;
      expect(typeof state === "string" ? JSON.parse(state) : state).toMatchObject({ lastValue: 1, armedAbove: false });

      // Its baseline already holds the size 1: computing it again fires nothing.
      await computeSegment(db, { ...scope, segmentId: segment.id });
      expect(await eventsOf(registration.id)).toEqual([]);
    },
  );
});
