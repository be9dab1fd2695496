import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, createDb } from "../client";
import { type FreshDatabase, createFreshDatabase } from "../fresh-database";
import { applyMigrations } from "./apply-migrations";

// The migration that gives a segment's and a measure's history one row per full refresh job, run
// on a database where a stalled worker and its successor both recorded the same job's computation.

const BEFORE_KEY = "20261128023519_destinations";
const onPostgresql = process.env.TEST_DB_PROVIDER === "postgresql";

let fresh: FreshDatabase;
let migrated: Db;
let sqliteDir: string | undefined;

const owner = { tenantId: "contoso", instanceId: "contoso-main" };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 2, minute));

beforeAll(async () => {
  const name = `ai_cpj_${process.pid}_${Date.now().toString(36)}`;
  if (onPostgresql) {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL integration tests.");
    fresh = await createFreshDatabase({ provider: "postgresql", serverUrl, name, through: BEFORE_KEY });
  } else {
    sqliteDir = mkdtempSync(path.join(os.tmpdir(), "ai-cpj-"));
    fresh = await createFreshDatabase({ provider: "sqlite", dir: sqliteDir, name, through: BEFORE_KEY });
  }
  const db = fresh.db;
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
  await db.$disconnect();
  // The schema engine locks a SQLite file while it writes: nothing else may hold it open.
  expect(await applyMigrations(fresh.target)).not.toHaveLength(0);
  migrated = createDb(fresh.target);
});

afterAll(async () => {
  await migrated?.$disconnect();
  await fresh?.drop();
  if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
});

describe("migration: one computation per segment or measure and job", () => {
  it("keeps the first of a job's repeated computations and every computation made on its own", async () => {
    const segmentRows = await migrated.segmentComputation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(segmentRows.map((row) => row.id)).toEqual(["sc_a_first", "sc_c_own", "sc_d_own"]);
    const measureRows = await migrated.measureComputation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(measureRows.map((row) => row.id)).toEqual(["mc_a_first", "mc_c_own"]);
  });

  it("then refuses a second computation of the same job", async () => {
    await expect(
      migrated.segmentComputation.create({ data: { ...owner, segmentId: "seg_1", refreshJobId: "job_1", size: 1, computedAt: at(5), durationMs: 1 } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      migrated.measureComputation.create({ data: { ...owner, measureId: "mea_1", refreshJobId: "job_1", value: 1, computedAt: at(5), durationMs: 1 } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
