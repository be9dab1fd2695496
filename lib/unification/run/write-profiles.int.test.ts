import { beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "../../db/write-transaction";
import { scope, seedIdentity } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { type ProfileRow, writeProfiles } from "./write-profiles";

const database = useTestDatabase();
const db = () => database.current().db;
const onSqlite = process.env.TEST_DB_PROVIDER !== "postgresql";

beforeAll(async () => {
  await seedIdentity(db());
});

const profile = (n: number): ProfileRow => ({
  id: `prof_stats_${String(n).padStart(4, "0")}`,
  email: `p${n}@example.com`,
  phone: null,
  firstName: null,
  lastName: null,
  city: n % 2 === 0 ? "Madrid" : "Bilbao",
  postalCode: null,
  country: null,
  birthDate: null,
  customAttributesJson: "{}",
  searchText: `p${n}@example.com`,
  sourceRecordCount: 0,
  fingerprint: `f${n}`,
  createdAt: new Date("2026-11-01T00:00:00Z"),
  updatedAt: new Date("2026-11-01T00:00:00Z"),
});

const write = (count: number) =>
  writeTransaction(db(), (tx) => writeProfiles(db(), tx, { ...scope, runId: "run_stats" }, Array.from({ length: count }, (_, n) => profile(n)), []));

/** The row count SQLite's statistics hold for the profiles' table, or null without statistics. */
const analyzedRows = async () => {
  const [row] = await db().$queryRawUnsafe<Array<{ stat: string }>>(
    `SELECT "stat" FROM sqlite_stat1 WHERE "tbl" = 'CustomerProfile' AND "idx" IS NOT NULL ORDER BY "idx" LIMIT 1`,
  );
  return row ? Number(row.stat.split(" ")[0]) : null;
};

const countPlan = async () =>
  (
    await db().$queryRawUnsafe<Array<{ detail: string }>>(
      `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM "CustomerProfile" WHERE "tenantId" = ? AND "instanceId" = ? AND lower("city") = ?`,
      scope.tenantId,
      scope.instanceId,
      "madrid",
    )
  ).map((row) => row.detail);

describe("writeProfiles and the planner's statistics", () => {
  it("writes the profiles on both databases", async () => {
    await write(200);
    expect(await db().customerProfile.count({ where: scope })).toBe(200);
  });

  it.runIf(onSqlite)("takes SQLite's statistics of the profiles it rewrote, so a count over the instance reads the table through", async () => {
    expect(await analyzedRows()).toBe(200);
    // Read on the client's other connection: the first ANALYZE created SQLite's statistics tables, so it read the schema again.
    expect((await countPlan()).join(" ")).toMatch(/^SCAN CustomerProfile/);
  });

  it.runIf(onSqlite)("takes them again only when the row count moved more than 10%", async () => {
    await write(210);
    expect(await analyzedRows()).toBe(200);
    await write(260);
    expect(await analyzedRows()).toBe(260);
  });
});
