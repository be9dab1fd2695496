import { describe, expect, it } from "vitest";
import { useMigratedFrom } from "./testing/migrated-from";

// The migration that gives a segment's and a measure's history one row per full refresh job, run
// on a database where a stalled worker and its successor both recorded the same job's computation.

const BEFORE_KEY = "20261128023519_destinations";

const owner = { tenantId: "contoso", instanceId: "contoso-main" };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 2, minute));

const database = useMigratedFrom(BEFORE_KEY, async (db) => {
  await db.tenant.create({ data: { id: "contoso", name: "Contoso" } });
  await db.instance.create({ data: { id: "contoso-main", tenantId: "contoso", name: "Contoso Retail" } });
  await db.refreshJob.create({ data: { id: "job_1", ...owner, status: "successful", submissionKind: "scheduled" } });
  await db.segment.create({ data: { id: "seg_1", ...owner, name: "Madrid", rule: { combinator: "and", conditions: [] } } });
  await db.measure.create({ data: { id: "mea_1", ...owner, name: "Customers", aggregation: "count" } });
  await db.segmentComputation.createMany({
    data: [
      { id: "sc_a_first", ...owner, segmentId: "seg_1", refreshJobId: "job_1", size: 10, computedAt: at(1), durationMs: 1 },
      { id: "sc_b_second", ...owner, segmentId: "seg_1", refreshJobId: "job_1", size: 10, computedAt: at(2), durationMs: 1 },
      { id: "sc_c_own", ...owner, segmentId: "seg_1", refreshJobId: null, size: 11, computedAt: at(3), durationMs: 1 },
      { id: "sc_d_own", ...owner, segmentId: "seg_1", refreshJobId: null, size: 12, computedAt: at(4), durationMs: 1 },
    ],
  });
  await db.measureComputation.createMany({
    data: [
      { id: "mc_a_first", ...owner, measureId: "mea_1", refreshJobId: "job_1", value: 10, computedAt: at(1), durationMs: 1 },
      { id: "mc_b_second", ...owner, measureId: "mea_1", refreshJobId: "job_1", value: 10, computedAt: at(2), durationMs: 1 },
      { id: "mc_c_own", ...owner, measureId: "mea_1", refreshJobId: null, value: 11, computedAt: at(3), durationMs: 1 },
    ],
  });
});
const migrated = () => database.migrated();

describe("migration: one computation per segment or measure and job", () => {
  it("keeps the first of a job's repeated computations and every computation made on its own", async () => {
    const segmentRows = await migrated().segmentComputation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(segmentRows.map((row) => row.id)).toEqual(["sc_a_first", "sc_c_own", "sc_d_own"]);
    const measureRows = await migrated().measureComputation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(measureRows.map((row) => row.id)).toEqual(["mc_a_first", "mc_c_own"]);
  });

  it("then refuses a second computation of the same job", async () => {
    await expect(
      migrated().segmentComputation.create({ data: { ...owner, segmentId: "seg_1", refreshJobId: "job_1", size: 1, computedAt: at(5), durationMs: 1 } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      migrated().measureComputation.create({ data: { ...owner, measureId: "mea_1", refreshJobId: "job_1", value: 1, computedAt: at(5), durationMs: 1 } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
