import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { computeMeasure } from "../measures/compute-measure";
import { createMeasure } from "../measures/create-measure";
import { computeSegment } from "../segments/compute-segment";
import { createSegment } from "../segments/create-segment";
import { scope, seedIdentity } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { requestFullRefresh } from "./request-full-refresh";
import { type ComputeMeasure, type ComputeSegment, measureRunner, segmentRunner, type TaskContext } from "./task-runners";
import type { RefreshJobTaskRow } from "./to-job-dto";

useTestDatabase();
const db = () => getDb();
const audit = { actorId: "test", actorName: "Test", tenantId: scope.tenantId, ip: null, userAgent: null };

let jobId: string;
beforeAll(async () => {
  await seedIdentity(db());
  jobId = (await requestFullRefresh({ ...scope, instanceName: "Contoso Retail" })).job.id;
});

const contextFor = (subjectId: string): TaskContext => ({
  db: db(),
  job: { id: jobId, ...scope, submissionKind: "onDemand" },
  instanceName: "Contoso Retail",
  task: { subjectId } as RefreshJobTaskRow,
  recordRunId: async () => {},
  keepLease: async () => {},
  pollMs: 50,
});

// The worker that took the job over commits its computation between the stalled worker's look
// for one ("none yet") and the stalled worker's own write.
const afterTheSuccessor =
  <I, O>(compute: (database: ReturnType<typeof getDb>, input: I) => Promise<O>) =>
  async (database: ReturnType<typeof getDb>, input: I) => {
    await compute(database, input);
    return compute(database, input);
  };

describe("a job's segment and measure tasks after a takeover", () => {
  it("record one history row per segment and job: the stalled worker's computation rolls back and its task reads the first size", async () => {
    const segment = await createSegment(scope, { name: "Everyone in Madrid", description: "", rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: "Madrid" }] } }, audit, db());
    const outcome = await segmentRunner(afterTheSuccessor(computeSegment) as ComputeSegment)(contextFor(segment.id));
    expect(outcome).toEqual({ status: "successful", counts: { size: 0 } });
    expect(await db().segmentComputation.count({ where: { segmentId: segment.id, refreshJobId: jobId } })).toBe(1);
  });

  it("record one history row per measure and job the same way", async () => {
    const measure = await createMeasure(scope, { name: "Customers", description: "", aggregation: "count", attribute: null, segmentId: null }, audit, db());
    const outcome = await measureRunner(afterTheSuccessor(computeMeasure) as ComputeMeasure)(contextFor(measure.id));
    expect(outcome).toEqual({ status: "successful", counts: { value: 0 } });
    expect(await db().measureComputation.count({ where: { measureId: measure.id, refreshJobId: jobId } })).toBe(1);
  });
});
