import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID } from "./demo-identity";
import { seedDemo } from "./seed-demo";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-seed-sources-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
const database = useTestDatabase();

beforeAll(() => {
  resetSettingsCache();
});

const snapshot = async () => {
  const db = database.current().db;
  const sources = await db.dataSource.findMany({
    where: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID },
    orderBy: { name: "asc" },
    include: { runs: true, _count: { select: { rows: true, uploads: true } } },
  });
  return sources.map((s) => ({
    name: s.name,
    kind: s.kind,
    location: s.location,
    uploads: s._count.uploads,
    rows: s._count.rows,
    runs: s.runs.map((r) => ({ id: r.id, status: r.status, rowCount: r.rowCount })),
  }));
};

describe("seedDemo", () => {
  it("creates the demo data sources with one real, successful refresh each, and is idempotent", async () => {
    await seedDemo(database.current().db);
    const first = await snapshot();
    expect(first.map(({ runs, ...rest }) => ({ ...rest, runs: runs.map(({ id: _id, ...r }) => r) }))).toEqual([
      {
        name: "Loyalty members",
        kind: "file",
        location: "contoso-retail/loyalty-members.csv",
        uploads: 0,
        rows: 150,
        runs: [{ status: "successful", rowCount: 150 }],
      },
      { name: "Point of sale transactions", kind: "upload", location: null, uploads: 1, rows: 300, runs: [{ status: "successful", rowCount: 300 }] },
      { name: "Web store customers", kind: "upload", location: null, uploads: 1, rows: 200, runs: [{ status: "successful", rowCount: 200 }] },
    ]);
    expect(existsSync(path.join(sourcesDir, "contoso-retail", "loyalty-members.csv"))).toBe(true);
    // Row objects lose key order in PostgreSQL's jsonb; the run keeps the header in file order.
    const run = await getDb().dataSourceRun.findFirst({ where: { dataSource: { name: "Web store customers" } } });
    expect(run!.columns).toEqual([
      "customerId", "email", "firstName", "lastName", "phone", "city", "country", "signupDate", "lifetimeValue",
    ]);
    const sample = await getDb().dataSourceRow.findFirst({
      where: { dataSource: { name: "Web store customers" } },
      orderBy: { rowNumber: "asc" },
    });
    expect(sample!.data).toMatchObject({ customerId: "WEB-10001", email: expect.stringContaining("@example.") });

    await seedDemo(database.current().db);
    expect(await snapshot()).toEqual(first);
  });
});
