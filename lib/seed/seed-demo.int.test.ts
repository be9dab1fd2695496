import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import type { TStageCounts, TUnificationStageResult } from "../unification/schemas";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID } from "./demo-identity";
import { demoSourceOfGenerated, generateDemoPeople } from "./people/demo-people";
import { seedDemo } from "./seed-demo";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-seed-sources-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
const database = useTestDatabase();
const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

beforeAll(() => {
  resetSettingsCache();
});

const snapshot = async () => {
  const db = database.current().db;
  const sources = await db.dataSource.findMany({
    where: scope,
    orderBy: { name: "asc" },
    include: { runs: true, _count: { select: { rows: true, uploads: true } } },
  });
  const unification = {
    config: await db.unificationConfig.findFirst({ where: scope, select: { settings: true, updatedAt: true } }),
    runs: await db.unificationRun.findMany({ where: scope, select: { id: true, status: true } }),
    profiles: await db.customerProfile.count({ where: scope }),
  };
  return {
    sources: sources.map((s) => ({
      name: s.name,
      kind: s.kind,
      location: s.location,
      uploads: s._count.uploads,
      rows: s._count.rows,
      runs: s.runs.map((r) => ({ id: r.id, status: r.status, rowCount: r.rowCount })),
    })),
    unification,
  };
};

const pairsOf = (count: number) => (count * (count - 1)) / 2;

describe("seedDemo", () => {
  it("creates the demo data sources with one real, successful refresh each, unifies their customers, and is idempotent", async () => {
    const started = performance.now();
    await seedDemo(database.current().db);
    console.log(`seedDemo on ${database.current().provider}: ${Math.round(performance.now() - started)} ms`);
    const first = await snapshot();
    expect(first.sources.map(({ runs, ...rest }) => ({ ...rest, runs: runs.map(({ id: _id, ...r }) => r) }))).toEqual([
      { name: "CRM contacts", kind: "upload", location: null, uploads: 1, rows: 1664, runs: [{ status: "successful", rowCount: 1664 }] },
      {
        name: "Loyalty members",
        kind: "file",
        location: "contoso-retail/loyalty-members.csv",
        uploads: 0,
        rows: 1136,
        runs: [{ status: "successful", rowCount: 1136 }],
      },
      { name: "Point of sale transactions", kind: "upload", location: null, uploads: 1, rows: 300, runs: [{ status: "successful", rowCount: 300 }] },
      { name: "Web store customers", kind: "upload", location: null, uploads: 1, rows: 1200, runs: [{ status: "successful", rowCount: 1200 }] },
    ]);
    expect(existsSync(path.join(sourcesDir, "contoso-retail", "loyalty-members.csv"))).toBe(true);
    // Row objects lose key order in PostgreSQL's jsonb; the run keeps the header in file order.
    const run = await getDb().dataSourceRun.findFirst({ where: { dataSource: { name: "Web store customers" } } });
    expect(run!.columns).toEqual([
      "customerId", "firstName", "lastName", "email", "phone", "postalCode", "city", "birthDate", "lastOrderAt", "lifetimeValue", "emailOptIn",
    ]);
    const sample = await getDb().dataSourceRow.findFirst({
      where: { dataSource: { name: "Web store customers" } },
      orderBy: { rowNumber: "asc" },
    });
    expect(sample!.data).toMatchObject({ customerId: "W0000001", email: expect.stringContaining("@") });

    await seedDemo(database.current().db);
    expect(await snapshot()).toEqual(first);
  });
});
