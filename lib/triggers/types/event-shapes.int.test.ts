import { beforeAll, describe, expect, it } from "vitest";
import { executeRun } from "../../datasources/execute-run";
import { requestRefresh } from "../../datasources/request-refresh";
import { getDb } from "../../db/client";
import { buildSampleEvent } from "../../delivery/sample-event";
import { sampleSubject } from "../subject-lookup";
import { seedDemoIdentity } from "../../seed/demo-identity";
import { createRegistrationWatching, createSource, eventsForRun, scope } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { triggerTypeDefinitions } from ".";
import { type TTriggerType, triggerTypes } from "./vocabulary";

// A flow built against a test-fire must keep working on real events: for every type, the event its
// real producer writes and the sample a test-fire sends have the same keys, all the way down.

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

/** Paths of every key and of every leaf's kind (object, array, null, string…), sorted. */
const shapeOf = (value: unknown, path = ""): string[] => {
  if (value === null) return [`${path}: null`];
  if (Array.isArray(value)) return [`${path}: array`, ...value.flatMap((item) => shapeOf(item, `${path}[]`))];
  if (typeof value === "object") return Object.entries(value).flatMap(([key, item]) => shapeOf(item, `${path}.${key}`)).sort();
  return [`${path}: ${typeof value}`];
};

/** Runs each type's real producer once and returns the event it committed; the compiler wants one per type. */
const fireReal: { [T in TTriggerType]: () => Promise<unknown> } = {
  "datasource.refresh.succeeded": async () => {
    const source = await createSource({ kind: "upload", upload: "Email\nana@example.com\n", requiredColumns: ["Email"] });
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });
    const run = await requestRefresh(scope, source.id);
    await executeRun(run.id);
    return (await eventsForRun(run.id))[0]?.body;
  },
  "datasource.refresh.failed": async () => {
    const source = await createSource({ kind: "upload", upload: "Name\nAna\n", requiredColumns: ["Email"] });
    await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    const run = await requestRefresh(scope, source.id);
    await executeRun(run.id);
    return (await eventsForRun(run.id))[0]?.body;
  },
};

describe("real and sample events", () => {
  it.each(triggerTypes)("%s: the sample has the real event's shape", async (type) => {
    const real = await fireReal[type]();
    expect(real, "the producer wrote an event").toBeTruthy();
    const kind = triggerTypeDefinitions[type].subjectKind;
    // The sample of a registration watching any subject of the instance, as a test-fire builds it.
    const instance = await getDb().instance.findFirstOrThrow({ where: { id: scope.instanceId }, select: { id: true, name: true } });
    const subject = await sampleSubject(kind, scope, { dataSourceId: null });
    const sample = buildSampleEvent({ type, context: { instance, ...subject } });
    expect(shapeOf({ ...sample, test: false })).toEqual(shapeOf(real));
    expect(sample.test).toBe(true);
  });
});
