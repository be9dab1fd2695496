import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { type Db, createDb } from "./client";
import { DatabaseBusyError } from "./database-busy-error";
import { directDriverOf } from "./direct-sql";
import { directDialectOf, writeDirect, writeDirectStatement, writeTransaction } from "./write-transaction";

const database = useTestDatabase();
const db = () => database.current().db;
const onSqlite = process.env.TEST_DB_PROVIDER !== "postgresql";

const insertTenant = `INSERT INTO "Tenant" ("id", "name", "createdAt") VALUES ($1, $2, $3)`;
const nameOf = async (id: string) => (await db().tenant.findUnique({ where: { id } }))?.name;

const clients: Db[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
  delete process.env.DATABASE_WRITE_WAIT_MS;
  resetSettingsCache();
});

describe("direct statements (the hot paths' driver access)", () => {
  it("speak the client's own dialect", () => {
    expect(directDialectOf(db())).toBe(database.current().target.provider);
    expect(() => directDriverOf({})).toThrow(/not made by createDb/);
  });

  it("commit what the work wrote when it resolves, and nothing when it throws", async () => {
    await writeDirect(db(), async (sql) => {
      await sql.run(insertTenant, ["d-committed", "kept", new Date()]);
    });
    await expect(
      writeDirect(db(), async (sql) => {
        await sql.run(insertTenant, ["d-rolled-back", "dropped", new Date()]);
        throw new Error("the batch could not be logged");
      }),
    ).rejects.toThrow("could not be logged");
    expect(await nameOf("d-committed")).toBe("kept");
    expect(await nameOf("d-rolled-back")).toBeUndefined();
    // The writer is usable again after the rollback.
    await writeDirectStatement(db(), insertTenant, ["d-after", "ok", new Date()]);
    expect(await nameOf("d-after")).toBe("ok");
  });

  it("write and compare DateTime values exactly as Prisma does", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z");
    await writeDirectStatement(db(), insertTenant, ["d-time-direct", "direct", at]);
    await db().tenant.create({ data: { id: "d-time-prisma", name: "prisma", createdAt: at } });
    // Prisma reads the direct row back as the same instant...
    expect((await db().tenant.findUniqueOrThrow({ where: { id: "d-time-direct" } })).createdAt).toEqual(at);
    // ...and a direct comparison matches the row Prisma wrote, at the millisecond.
    const rows = await writeDirectStatement<{ id: string; createdAt: Date | string }>(
      db(),
      `SELECT "id", "createdAt" FROM "Tenant" WHERE "createdAt" = $1 AND "createdAt" > $2 AND "createdAt" < $3 ORDER BY "id"`,
      [at, new Date(at.getTime() - 1), new Date(at.getTime() + 1)],
    );
    expect(rows.map((row) => row.id)).toEqual(["d-time-direct", "d-time-prisma"]);
    expect(rows.map((row) => new Date(row.createdAt))).toEqual([at, at]);
  });

  // SQLite serialises writers: no deadlock can happen there.
  it.runIf(!onSqlite)("rerun the whole work when PostgreSQL aborts it as a deadlock victim", async () => {
    await db().tenant.createMany({ data: [{ id: "d-a", name: "a" }, { id: "d-b", name: "b" }] });
    const other = createDb(database.current().target);
    clients.push(other);
    let arrived = 0;
    let release!: () => void;
    const bothHoldFirstLock = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const crosswise = (client: Db, first: string, second: string) =>
      writeDirect(client, async (sql) => {
        runs++;
        await sql.run(`UPDATE "Tenant" SET "name" = $2 WHERE "id" = $1`, [first, `${first} by ${second}`]);
        if (++arrived === 2) release();
        await bothHoldFirstLock;
        await sql.run(`UPDATE "Tenant" SET "name" = $2 WHERE "id" = $1`, [second, `${second} by ${first}`]);
      });
    await Promise.all([crosswise(db(), "d-a", "d-b"), crosswise(other, "d-b", "d-a")]);
    expect(runs).toBe(3);
  });
});

describe.runIf(onSqlite)("direct statements on SQLite", () => {
  it("commit with synchronous = FULL, on the writer thread and on Prisma's writer alike", async () => {
    expect(await writeDirectStatement(db(), "PRAGMA synchronous")).toEqual([{ synchronous: 2 }]);
    // Not a SELECT: the adapter sends it to its writer connection.
    expect(await db().$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 2n }]);
  });

  it("make the process's other writes wait until their transaction is committed", async () => {
    const order: string[] = [];
    let prismaWrite: Promise<unknown> | undefined;
    await writeDirect(db(), async (sql) => {
      await sql.run(insertTenant, ["d-direct-first", "first", new Date()]);
      prismaWrite = db()
        .tenant.create({ data: { id: "d-prisma-after", name: "after" } })
        .then(() => order.push("prisma"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("direct");
    });
    await prismaWrite;
    expect(order).toEqual(["direct", "prisma"]);
    expect(await nameOf("d-prisma-after")).toBe("after");
  });

  it("take the process's one writer after its open transaction, never beside it", async () => {
    const order: string[] = [];
    let direct: Promise<unknown> | undefined;
    await writeTransaction(db(), async (tx) => {
      await tx.tenant.create({ data: { id: "d-first", name: "first" } });
      direct = writeDirect(db(), async (sql) => {
        order.push("direct");
        return sql.all<{ n: number }>(`SELECT count(*) AS "n" FROM "Tenant" WHERE "id" = 'd-first'`);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("transaction");
    });
    // The direct work started only once the transaction had committed, and saw its row.
    expect(await direct).toEqual([{ n: 1 }]);
    expect(order).toEqual(["transaction", "direct"]);
  });

  it("wait for another process's write lock without blocking reads, and give up past the bound", async () => {
    const target = database.current().target;
    if (target.provider !== "sqlite") throw new Error("SQLite only");
    const other = new Database(target.filePath, { timeout: 0 });
    try {
      other.exec("BEGIN IMMEDIATE");
      const waiting = writeDirectStatement(db(), insertTenant, ["d-waited", "after", new Date()]);
      // Meanwhile the process still answers reads.
      expect(await nameOf("d-waited")).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 150));
      other.exec("COMMIT");
      await waiting;
      expect(await nameOf("d-waited")).toBe("after");

      process.env.DATABASE_WRITE_WAIT_MS = "300";
      resetSettingsCache();
      other.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      await expect(writeDirectStatement(db(), insertTenant, ["d-busy", "x", new Date()])).rejects.toBeInstanceOf(DatabaseBusyError);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
    expect(await nameOf("d-busy")).toBeUndefined();
  });
});
