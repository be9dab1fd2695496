import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import * as dataSources from "@/app/api/v1/instances/[instanceId]/data-sources/route";
import { callRoute } from "../api/testing/call-route";
import { DEMO_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { type Db, createDb } from "./client";
import { DatabaseBusyError } from "./database-busy-error";
import { insertEachInTransaction, writeTransaction } from "./write-transaction";

const database = useTestDatabase();
const db = () => database.current().db;
const onSqlite = process.env.TEST_DB_PROVIDER !== "postgresql";

const tenant = (id: string, name = id) => db().tenant.create({ data: { id, name } });
const nameOf = async (id: string) => (await db().tenant.findUniqueOrThrow({ where: { id } })).name;

// Another process's connection: a plain better-sqlite3 handle on the same file.
const otherProcessConnection = () => {
  const target = database.current().target;
  if (target.provider !== "sqlite") throw new Error("SQLite only");
  return new Database(target.filePath, { timeout: 0 });
};

const clients: Db[] = [];
const secondClient = () => {
  const client = createDb(database.current().target);
  clients.push(client);
  return client;
};
const withWriteWait = (ms: number) => {
  process.env.DATABASE_WRITE_WAIT_MS = String(ms);
  resetSettingsCache();
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
  delete process.env.DATABASE_WRITE_WAIT_MS;
  resetSettingsCache();
});

describe("writeTransaction", () => {
  it("reads, then writes, while another connection commits in between, and loses neither write", async () => {
    await tenant("t-read-write", "before");
    const other = secondClient();
    let otherDone: Promise<unknown> | undefined;
    await writeTransaction(db(), async (tx) => {
      const row = await tx.tenant.findUniqueOrThrow({ where: { id: "t-read-write" } });
      // Another writer starts now: on SQLite it must wait for this transaction, not break it.
      otherDone = writeTransaction(other, (otherTx) => otherTx.tenant.create({ data: { id: "t-other", name: "other" } }));
      await new Promise((resolve) => setTimeout(resolve, 30));
      await tx.tenant.update({ where: { id: row.id }, data: { name: `${row.name}+after` } });
    });
    await otherDone;
    expect(await nameOf("t-read-write")).toBe("before+after");
    expect(await nameOf("t-other")).toBe("other");
  });

  it("rolls back everything when the work throws, and the database stays usable", async () => {
    await expect(
      writeTransaction(db(), async (tx) => {
        await tx.tenant.create({ data: { id: "t-rolled-back", name: "x" } });
        throw new Error("the result could not be written");
      }),
    ).rejects.toThrow("could not be written");
    expect(await db().tenant.findUnique({ where: { id: "t-rolled-back" } })).toBeNull();
    await writeTransaction(db(), (tx) => tx.tenant.create({ data: { id: "t-after-rollback", name: "ok" } }));
    expect(await nameOf("t-after-rollback")).toBe("ok");
  });

  it("serves reads outside the transaction from committed data only", async () => {
    await tenant("t-isolated", "committed");
    let seenDuring: string | undefined;
    await writeTransaction(db(), async (tx) => {
      await tx.tenant.update({ where: { id: "t-isolated" }, data: { name: "uncommitted" } });
      seenDuring = await nameOf("t-isolated");
    });
    expect(seenDuring).toBe("committed");
    expect(await nameOf("t-isolated")).toBe("uncommitted");
  });

  it.runIf(onSqlite)("waits for another process's write lock without blocking reads, then writes", async () => {
    await tenant("t-wait", "before");
    const other = otherProcessConnection();
    try {
      other.exec("BEGIN IMMEDIATE");
      const write = writeTransaction(db(), async (tx) => {
        const row = await tx.tenant.findUniqueOrThrow({ where: { id: "t-wait" } });
        await tx.tenant.update({ where: { id: row.id }, data: { name: "after" } });
      });
      // While the write waits for the lock, the process keeps answering reads.
      expect(await nameOf("t-wait")).toBe("before");
      await new Promise((resolve) => setTimeout(resolve, 200));
      other.exec("COMMIT");
      await write;
    } finally {
      other.close();
    }
    expect(await nameOf("t-wait")).toBe("after");
  });

  it.runIf(onSqlite)("gives up after the bounded wait with DatabaseBusyError, writing nothing", async () => {
    const other = otherProcessConnection();
    withWriteWait(300);
    try {
      other.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      await expect(writeTransaction(db(), (tx) => tx.tenant.create({ data: { id: "t-busy", name: "x" } }))).rejects.toBeInstanceOf(
        DatabaseBusyError,
      );
      // Bounded: it gave up near the setting (300 ms), not at some default far above it.
      expect(Date.now() - started).toBeLessThan(3_000);
      // A single write outside a transaction waits the same way.
      await expect(db().tenant.create({ data: { id: "t-busy-single", name: "x" } })).rejects.toBeInstanceOf(DatabaseBusyError);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(await db().tenant.findUnique({ where: { id: "t-busy" } })).toBeNull();
    await writeTransaction(db(), (tx) => tx.tenant.create({ data: { id: "t-busy", name: "later" } }));
    expect(await nameOf("t-busy")).toBe("later");
  });

  it.runIf(!onSqlite)("reruns a transaction that PostgreSQL aborted as a deadlock victim", async () => {
    await tenant("t-a", "a");
    await tenant("t-b", "b");
    const other = secondClient();
    // Two transactions lock the same rows in opposite order; PostgreSQL aborts one (40P01).
    let arrived = 0;
    let release!: () => void;
    const bothHoldFirstLock = new Promise<void>((resolve) => (release = resolve));
    const meet = async () => {
      if (++arrived === 2) release();
      await bothHoldFirstLock;
    };
    let runs = 0;
    const crosswise = (client: Db, first: string, second: string) =>
      writeTransaction(client, async (tx) => {
        runs++;
        await tx.tenant.update({ where: { id: first }, data: { name: { set: `${first} by ${second}` } } });
        await meet();
        await tx.tenant.update({ where: { id: second }, data: { name: { set: `${second} by ${first}` } } });
      });
    await Promise.all([crosswise(db(), "t-a", "t-b"), crosswise(other, "t-b", "t-a")]);
    expect(runs).toBe(3);
  });
});

describe.runIf(onSqlite)("insertEachInTransaction", () => {
  const insertTenant = `INSERT INTO "Tenant" ("id", "name", "createdAt") VALUES (?, ?, ?)`;
  const stamp = new Date().toISOString().replace("Z", "+00:00");

  it("writes its rows in the caller's transaction: committed with it, readable through Prisma", async () => {
    const rows = Array.from({ length: 25_000 }, (_, n) => [`t-each-${n}`, `each ${n}`, stamp]);
    await writeTransaction(db(), async (tx) => {
      await tx.tenant.create({ data: { id: "t-each-prisma", name: "prisma" } });
      expect(await insertEachInTransaction(db(), insertTenant, rows)).toBe(rows.length);
      // The transaction sees its own rows; reads outside it do not, until it commits.
      expect(await tx.tenant.count({ where: { id: { startsWith: "t-each-" } } })).toBe(rows.length + 1);
      expect(await db().tenant.count({ where: { id: { startsWith: "t-each-" } } })).toBe(0);
    });
    expect(await db().tenant.count({ where: { id: { startsWith: "t-each-" } } })).toBe(rows.length + 1);
    expect(await nameOf("t-each-24999")).toBe("each 24999");
  });

  it("rolls back with the caller's transaction", async () => {
    await expect(
      writeTransaction(db(), async () => {
        await insertEachInTransaction(db(), insertTenant, [["t-each-rolled-back", "x", stamp]]);
        throw new Error("the result could not be written");
      }),
    ).rejects.toThrow("could not be written");
    expect(await db().tenant.findUnique({ where: { id: "t-each-rolled-back" } })).toBeNull();
  });

  it("stops when the transaction ends under it (Prisma's timeout), so no later row is written on its own", async () => {
    const rows = Array.from({ length: 300_000 }, (_, n) => [`t-late-${n}`, "late", stamp]);
    await expect(writeTransaction(db(), () => insertEachInTransaction(db(), insertTenant, rows), { timeoutMs: 20 })).rejects.toThrow();
    expect(await db().tenant.count({ where: { id: { startsWith: "t-late-" } } })).toBe(0);
    // The writer is free again.
    await writeTransaction(db(), (tx) => tx.tenant.create({ data: { id: "t-after-late", name: "ok" } }));
    expect(await nameOf("t-after-late")).toBe("ok");
  });

  it("refuses to run outside a write transaction", async () => {
    await expect(insertEachInTransaction(db(), insertTenant, [["t-each-outside", "x", stamp]])).rejects.toThrow("inside a write transaction");
    expect(await db().tenant.findUnique({ where: { id: "t-each-outside" } })).toBeNull();
  });
});

describe("the API on a busy database", () => {
  it.runIf(onSqlite)("answers 503 database_busy with Retry-After, never 500", async () => {
    await seedDemoIdentity(db());
    const other = otherProcessConnection();
    withWriteWait(200);
    try {
      other.exec("BEGIN IMMEDIATE");
      const response = await callRoute(dataSources.POST, {
        method: "POST",
        path: `/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources`,
        params: { instanceId: DEMO_INSTANCE_ID },
        body: { name: "Busy source", kind: "upload" },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(response.json.error.code).toBe("database_busy");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  });
});
