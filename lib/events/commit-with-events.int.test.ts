import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearOutbox, createRegistration, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { commitWithEvents } from "./commit-with-events";
import { onDeliveriesPending } from "./delivery-signal";

useFixedEncryptionKey();
const database = useTestDatabase();
const db = () => database.current().db;

beforeAll(async () => {
  await seedIdentity(db());
});
beforeEach(async () => {
  await clearOutbox(db());
});

const event = { ...scope, type: "datasource.refresh.failed" as const, subject: {}, data: { n: 1 } };

// The producer's "result": renaming the registration, written in the same transaction as the event.
const renamedTo = async (registrationId: string) =>
  (await db().triggerRegistration.findUniqueOrThrow({ where: { id: registrationId }, select: { displayName: true } })).displayName;

/** Counts wake-ups, and what another reader sees of the outbox at each one. */
const listenForWakeUps = () => {
  const seen: Array<Promise<number>> = [];
  const off = onDeliveriesPending(() => seen.push(db().delivery.count()));
  return { seen, off };
};

describe("commitWithEvents", () => {
  it("commits the result and the events together, then wakes the delivery workers once", async () => {
    const { id } = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    const wakeUps = listenForWakeUps();
    try {
      const enqueued = await commitWithEvents(db(), async (tx, emit) => {
        await tx.triggerRegistration.update({ where: { id }, data: { displayName: "Renamed" } });
        const first = await emit(event);
        await emit(event);
        // Nothing is committed yet: the workers must not look now.
        expect(wakeUps.seen).toHaveLength(0);
        return first;
      });

      expect(enqueued!.deliveryIds).toHaveLength(1);
      expect(await renamedTo(id)).toBe("Renamed");
      expect(await db().event.count()).toBe(2);
      expect(wakeUps.seen).toHaveLength(1);
      // Woken after the commit: a reader looking at that moment finds both deliveries.
      expect(await wakeUps.seen[0]).toBe(2);
    } finally {
      wakeUps.off();
    }
  });

  it("leaves neither the result nor the events when the work throws, and wakes nobody", async () => {
    const { id } = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    const wakeUps = listenForWakeUps();
    try {
      await expect(
        commitWithEvents(db(), async (tx, emit) => {
          await tx.triggerRegistration.update({ where: { id }, data: { displayName: "Renamed" } });
          await emit(event);
          throw new Error("the rest of the result could not be written");
        }),
      ).rejects.toThrow("could not be written");

      expect(await renamedTo(id)).toBe("Test trigger");
      expect(await db().event.count()).toBe(0);
      expect(await db().delivery.count()).toBe(0);
      expect(wakeUps.seen).toHaveLength(0);
    } finally {
      wakeUps.off();
    }
  });

  it("commits the result but wakes nobody when no registration receives the event", async () => {
    const { id } = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a", status: "paused" });
    const wakeUps = listenForWakeUps();
    try {
      const enqueued = await commitWithEvents(db(), async (tx, emit) => {
        await tx.triggerRegistration.update({ where: { id }, data: { displayName: "Renamed" } });
        return emit(event);
      });

      expect(enqueued).toBeNull();
      expect(await renamedTo(id)).toBe("Renamed");
      expect(await db().event.count()).toBe(0);
      expect(wakeUps.seen).toHaveLength(0);
    } finally {
      wakeUps.off();
    }
  });

  it("counts only the attempt that commits when the transaction is rerun", async () => {
    await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    const wakeUps = listenForWakeUps();
    let attempts = 0;
    try {
      await commitWithEvents(db(), async (_tx, emit) => {
        attempts += 1;
        if (attempts === 1) {
          await emit(event);
          // What writeTransaction reruns: a PostgreSQL serialization failure.
          throw Object.assign(new Error("could not serialize access"), { code: "P2034" });
        }
      });

      expect(attempts).toBe(2);
      expect(await db().event.count()).toBe(0);
      expect(wakeUps.seen).toHaveLength(0);
    } finally {
      wakeUps.off();
    }
  });
});
