import { beforeAll, describe, expect, it } from "vitest";
import { executeRun } from "../../datasources/execute-run";
import { requestRefresh } from "../../datasources/request-refresh";
import { getDb } from "../../db/client";
import { buildSampleEvent } from "../../events/sample-event";
import { sampleSubject } from "../subject-lookup";
import { seedDemoIdentity } from "../../seed/demo-identity";
import { createInstanceRegistration, createRegistrationWatching, createSource, createSourceWithRows, eventsForRun, scope } from "../../testing/factories";
import { requestUnificationRun } from "../../unification/request-run";
import { unificationEngine } from "../../unification/run/engine";
import { executeUnificationRun } from "../../unification/run/execute-run";
import { ZUnificationConfig } from "../../unification/schemas";
import { updateConfig } from "../../unification/update-config";
import { useTestDatabase } from "../../testing/test-database";
import { computeMeasureValue, computeSegmentSize, createMeasure, createSegment, writeMeasureValue, writeSegmentSize } from "../../testing/threshold-subjects";
import { startRefreshWorker } from "../../datasources/refresh-worker";
import { taskRunners } from "../../refresh-jobs/default-task-runners";
import { executeRefreshJob } from "../../refresh-jobs/execute-job";
import { requestFullRefresh } from "../../refresh-jobs/request-full-refresh";
import { startUnificationWorker } from "../../unification/run/unification-worker";
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

/** A threshold registration written straight to the database, with the state a create gives it. */
const createThresholdRegistration = (type: TTriggerType, columns: { segmentId?: string; measureId?: string }, parameters: Record<string, unknown>, lastValue: number) =>
  getDb().triggerRegistration.create({
    data: {
      ...scope,
      displayName: type,
      type,
      parameters: { ...columns, ...parameters },
      ...columns,
      thresholdState: { lastValue, armedAbove: lastValue <= (parameters.threshold as number), armedBelow: lastValue >= (parameters.threshold as number) },
      callbackUrl: "https://8.8.8.8/hooks",
      secretCiphertext: "v1.test.only.placeholder",
      ownerId: "user-contoso-admin",
    },
  });

/** The parameters a test-fire hands the sample (the registration's own), by type; types that echo none need none. */
const thresholdParameters = { threshold: 1_000, direction: "above", hysteresis: { kind: "percent", value: 5 } };
const sampleParameters: Partial<Record<TTriggerType, unknown>> = {
  "segment.threshold.crossed": thresholdParameters,
  "measure.threshold.crossed": thresholdParameters,
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
  "unification.refresh.completed": async () => {
    // An invalid birth date, so the map stage's counts list one as the sample does.
    const source = await createSourceWithRows({
      columns: ["id", "mail", "born"],
      rows: [
        { id: "1", mail: "ana@example.com", born: "1990-02-30" },
        { id: "2", mail: "ANA@example.com", born: "1990-02-03" },
      ],
    });
    await createInstanceRegistration({ type: "unification.refresh.completed" });
    await updateConfig(
      { ...scope },
      ZUnificationConfig.parse({
        customAttributes: [],
        sources: [{ dataSourceId: source.id, primaryKeyColumn: "id", columns: [{ column: "mail", attribute: "email" }, { column: "born", attribute: "birthDate" }] }],
        rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"] }] }],
      }),
      { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: scope.tenantId, ip: null, userAgent: null },
      "Contoso Retail",
    );
    const { run } = await requestUnificationRun({ ...scope, instanceName: "Contoso Retail" });
    await executeUnificationRun(run.id, unificationEngine);
    const events = await getDb().event.findMany({ where: { ...scope, type: "unification.refresh.completed" } });
    return events.map((event) => JSON.parse(event.payload)).find((body) => body.data.run.id === run.id);
  },
  "segment.threshold.crossed": async () => {
    const segment = await createSegment("Shape check");
    await writeSegmentSize(segment.id, 900);
    await createThresholdRegistration("segment.threshold.crossed", { segmentId: segment.id }, thresholdParameters, 900);
    const [firing] = await computeSegmentSize(segment, 1_200, { refreshJobId: "job_shape" });
    return firing && JSON.parse((await getDb().event.findUniqueOrThrow({ where: { id: firing.eventId! } })).payload);
  },
  "measure.threshold.crossed": async () => {
    const measure = await createMeasure("Shape check");
    await writeMeasureValue(measure.id, 900);
    await createThresholdRegistration("measure.threshold.crossed", { measureId: measure.id }, thresholdParameters, 900);
    const [firing] = await computeMeasureValue(measure, 1_200, { refreshJobId: "job_shape" });
    return firing && JSON.parse((await getDb().event.findUniqueOrThrow({ where: { id: firing.eventId! } })).payload);
  },
  "refresh.full.completed": async () => {
    // Every task successful with a count, as in the sample: only a source that refreshes, mapped for
    // unification, a segment and a measure of its profiles (none left by the other types' checks).
    await getDb().triggerRegistration.deleteMany({});
    await getDb().measure.deleteMany({});
    await getDb().segment.deleteMany({});
    await getDb().dataSource.deleteMany({});
    const source = await createSource({ kind: "upload", upload: "id,mail\n1,ana@example.com\n2,bo@example.com\n" });
    await updateConfig(
      { ...scope },
      ZUnificationConfig.parse({
        customAttributes: [],
        sources: [{ dataSourceId: source.id, primaryKeyColumn: "id", columns: [{ column: "mail", attribute: "email" }] }],
        rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"] }] }],
      }),
      { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: scope.tenantId, ip: null, userAgent: null },
      "Contoso Retail",
    );
    await getDb().segment.create({ data: { ...scope, name: "Loyal", rule: { combinator: "and", conditions: [{ attribute: "email", operator: "contains", value: "@" }] } } });
    await getDb().measure.create({ data: { ...scope, name: "Customers", aggregation: "count" } });
    await createInstanceRegistration({ type: "refresh.full.completed" });
    const loops = [startRefreshWorker({ pollMs: 50 }), startUnificationWorker(unificationEngine, { pollMs: 50 })];
    try {
      const { job } = await requestFullRefresh({ ...scope, instanceName: "Contoso Retail" }, { submissionKind: "scheduled", scheduledFor: new Date() });
      await executeRefreshJob(job.id, taskRunners);
      const events = await getDb().event.findMany({ where: { ...scope, type: "refresh.full.completed" } });
      return events.map((event) => JSON.parse(event.payload)).find((body) => body.data.job.id === job.id);
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
    }
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
    // The sample of a registration watching any subject of the instance (segments and measures:
    // the instance's first), as a test-fire builds it.
    const instance = await getDb().instance.findFirstOrThrow({ where: { id: scope.instanceId }, select: { id: true, name: true } });
    const subject = await sampleSubject(kind, scope, { dataSourceId: null, segmentId: null, measureId: null });
    const sample = buildSampleEvent({ type, context: { instance, ...subject, parameters: sampleParameters[type] } });
    // Arrays may differ in length (two sources in the sample, one in the test's run): each path once.
    const distinct = (paths: string[]) => [...new Set(paths)].sort();
    expect(distinct(shapeOf({ ...sample, test: false }))).toEqual(distinct(shapeOf(real)));
    expect(sample.test).toBe(true);
  });
});
