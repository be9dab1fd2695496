import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setDbForTesting } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { dialectOf } from "../db/dialect";
import { DELIVERY_CHANNEL } from "./delivery-signal";
import { clearOutbox, createRegistration, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { enqueueEvent } from "./enqueue-event";

useFixedEncryptionKey();
const database = useTestDatabase();
const db = () => database.current().db;
const provider = process.env.TEST_DB_PROVIDER === "postgresql" ? "postgresql" : "sqlite";

beforeAll(async () => {
  await seedIdentity(db());
});
beforeEach(async () => {
  await clearOutbox(db());
});

const event = (dataSourceId: string | null = null) => ({ ...scope, type: "datasource.refresh.failed" as const, subject: { dataSourceId }, data: { n: 1 } });

describe("enqueueEvent (the transactional outbox)", () => {
  it("knows which SQL its transaction speaks from the client itself, not from the process-wide setting", async () => {
    const { target } = database.current();
    const other = provider === "sqlite" ? ({ provider: "postgresql", url: "postgresql://nowhere/none" } as const) : ({ provider: "sqlite", url: "file:/nowhere.db", filePath: "/nowhere.db" } as const);
    setDbForTesting(db(), other);
    try {
      expect(dialectOf(db())).toBe(provider);
      await writeTransaction(db(), async (tx) => expect(dialectOf(tx)).toBe(provider));
    } finally {
      setDbForTesting(db(), target);
    }
  });

  it("writes the event and one pending delivery per receiving registration, ids shaped alike and distinct", async () => {
    const receiving = [];
    for (let i = 0; i < 25; i++) receiving.push((await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" })).id);
    receiving.push((await createRegistration(db(), { callbackUrl: "https://hooks.example.com/f", status: "failing" })).id);
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/p", status: "paused" });
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/o", type: "datasource.refresh.succeeded" });
    const now = new Date();

    const enqueued = await writeTransaction(db(), (tx) => enqueueEvent(tx, event(), now));

    expect(enqueued!.deliveryIds).toHaveLength(receiving.length);
    expect(new Set(enqueued!.deliveryIds).size).toBe(receiving.length);
    for (const id of enqueued!.deliveryIds) expect(id).toMatch(/^msg_[0-9a-z]{21}$/);
    const deliveries = await db().delivery.findMany({ where: { eventId: enqueued!.eventId } });
    expect(deliveries.map((d) => d.id).sort()).toEqual([...enqueued!.deliveryIds].sort());
    expect(deliveries.map((d) => d.registrationId).sort()).toEqual([...receiving].sort());
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ ...scope, status: "pending", attemptCount: 0, nextAttemptAt: now, createdAt: now });
    }
    const stored = await db().event.findUniqueOrThrow({ where: { id: enqueued!.eventId } });
    expect(JSON.parse(stored.payload)).toEqual({ id: enqueued!.eventId, type: "datasource.refresh.failed", timestamp: now.toISOString(), instanceId: scope.instanceId, test: false, data: { n: 1 } });
    expect(stored.createdAt).toEqual(now);
    const fired = await db().triggerRegistration.findMany({ where: { id: { in: receiving } } });
    for (const registration of fired) expect(registration.lastFiredAt).toEqual(now);
  });

  it("matches registrations for any source or for the event's own source only", async () => {
    for (const [id, name] of [["ds_own", "Own"], ["ds_else", "Else"]]) {
      await db().dataSource.create({ data: { id: id!, ...scope, name: name!, kind: "upload", requiredColumns: [] } });
    }
    const any = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/any" });
    const own = await db().triggerRegistration.update({
      where: { id: (await createRegistration(db(), { callbackUrl: "https://hooks.example.com/own" })).id },
      data: { dataSourceId: "ds_own" },
    });
    await db().triggerRegistration.update({
      where: { id: (await createRegistration(db(), { callbackUrl: "https://hooks.example.com/else" })).id },
      data: { dataSourceId: "ds_else" },
    });
    const enqueued = await writeTransaction(db(), (tx) => enqueueEvent(tx, event("ds_own")));
    const deliveries = await db().delivery.findMany({ where: { eventId: enqueued!.eventId } });
    expect(deliveries.map((d) => d.registrationId).sort()).toEqual([any.id, own.id].sort());
  });

  it("matches a segment's registrations by that segment, and only the registrations asked for when given", async () => {
    for (const id of ["seg_own", "seg_else"]) await db().segment.create({ data: { id, ...scope, name: id, rule: {} } });
    const watching = async (segmentId: string, status = "active") => {
      const { id } = await createRegistration(db(), { callbackUrl: `https://hooks.example.com/${segmentId}` });
      await db().triggerRegistration.update({ where: { id }, data: { type: "segment.threshold.crossed", segmentId, status } });
      return id;
    };
    const [first, second, paused] = [await watching("seg_own"), await watching("seg_own"), await watching("seg_own", "paused")];
    await watching("seg_else");
    const segmentEvent = (registrationIds?: string[]) => ({
      ...scope,
      type: "segment.threshold.crossed" as const,
      subject: { segmentId: "seg_own" },
      ...(registrationIds ? { registrationIds } : {}),
      data: { n: 1 },
    });
    const receivers = async (registrationIds?: string[]) => {
      const enqueued = await writeTransaction(db(), (tx) => enqueueEvent(tx, segmentEvent(registrationIds)));
      if (!enqueued) return null;
      return (await db().delivery.findMany({ where: { eventId: enqueued.eventId } })).map((d) => d.registrationId).sort();
    };
    expect(await receivers()).toEqual([first, second].sort());
    expect(await receivers([second])).toEqual([second]);
    // Still matched by status, type and subject: a paused one, or another segment's, is not reached by naming it.
    expect(await receivers([paused])).toBeNull();
    expect(await receivers([])).toBeNull();
    const events = await db().event.count();
    expect(await writeTransaction(db(), (tx) => enqueueEvent(tx, { ...segmentEvent([first]), subject: { segmentId: "seg_else" } }))).toBeNull();
    expect(await db().event.count()).toBe(events);
  });

  it("writes nothing and returns null when no registration receives the event", async () => {
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/p", status: "paused" });
    expect(await writeTransaction(db(), (tx) => enqueueEvent(tx, event()))).toBeNull();
    expect(await db().event.count()).toBe(0);
    expect(await db().delivery.count()).toBe(0);
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    await expect(
      writeTransaction(db(), async (tx) => {
        await enqueueEvent(tx, event());
        throw new Error("the run's result could not be written");
      }),
    ).rejects.toThrow("could not be written");
    expect(await db().event.count()).toBe(0);
    expect(await db().delivery.count()).toBe(0);
  });

  it.runIf(provider === "postgresql")("is a statement PostgreSQL prepared once for the connection, not parsed anew each time", async () => {
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    const outboxStatements = (tx: Parameters<Parameters<typeof writeTransaction>[1]>[0]) =>
      tx.$queryRaw<Array<{ name: string }>>`SELECT "name" FROM pg_prepared_statements WHERE "statement" LIKE '/* prepared */%WITH registrations AS%'`;
    const [once, thrice] = await writeTransaction(db(), async (tx) => {
      await enqueueEvent(tx, event());
      const afterOne = await outboxStatements(tx);
      await enqueueEvent(tx, event());
      await enqueueEvent(tx, event());
      return [afterOne, await outboxStatements(tx)];
    });
    expect(once.length).toBeGreaterThan(0);
    expect(thrice).toEqual(once);
  });

  it.runIf(provider === "postgresql")("wakes listening workers when the caller commits, and not when it rolls back", async () => {
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    const target = database.current().target;
    const listener = new pg.Client({ connectionString: target.url });
    await listener.connect();
    try {
      let notifications = 0;
      listener.on("notification", (message) => {
        if (message.channel === DELIVERY_CHANNEL) notifications++;
      });
      await listener.query(`LISTEN ${DELIVERY_CHANNEL}`);
      const settle = async () => {
        // A round trip on the listener's connection delivers anything already sent to it.
        await listener.query("SELECT 1");
        await new Promise((resolve) => setTimeout(resolve, 50));
        await listener.query("SELECT 1");
      };
      await writeTransaction(db(), async (tx) => {
        await enqueueEvent(tx, event());
        await settle();
        expect(notifications).toBe(0); // not before the commit
      });
      await settle();
      expect(notifications).toBe(1);
      await writeTransaction(db(), async (tx) => {
        await enqueueEvent(tx, event());
        throw new Error("rolled back");
      }).catch(() => {});
      await settle();
      expect(notifications).toBe(1);
    } finally {
      await listener.end();
    }
  });
});
