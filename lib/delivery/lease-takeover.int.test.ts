import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DatabaseBusyError } from "../db/database-busy-error";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { attemptDelivery, type ClaimedDelivery, claimDueDeliveries, deliverDue } from "./deliver-due";
import { startDeliveryWorker } from "./delivery-worker";
import { recordAttempts } from "./record-attempts";
import { replayDelivery } from "./replay-delivery";
import { closeDeliveryAgent } from "./send-webhook";
import { releaseStrandedDeliveries } from "./sql/release-stranded-deliveries";
import { clearOutbox, createRegistration, enqueueEvents, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver, waitFor } from "./testing/webhook-receiver";

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;

let answer: (index: number) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({ status: 204 });
let receiver: WebhookReceiver;

beforeAll(async () => {
  await seedIdentity(db());
  receiver = await startWebhookReceiver((_, index) => answer(index));
});

afterEach(async () => {
  answer = () => ({ status: 204 });
  receiver.received.length = 0;
  vi.restoreAllMocks();
  await clearOutbox(db());
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

const SHORT_LEASE_MS = 50;

const deliveryOf = (id: string) =>
  db().delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { number: "asc" } } } });

const registrationOf = (id: string) => db().triggerRegistration.findUniqueOrThrow({ where: { id } });

/** Worker "a" claims with a short lease, the lease runs out, worker "b" takes the deliveries over. */
const claimThenTakeOver = async (count: number) => {
  const first = await claimDueDeliveries(db(), { limit: count, workerId: "a", leaseMs: SHORT_LEASE_MS });
  expect(first).toHaveLength(count);
  const leaseUntil = Date.now() + SHORT_LEASE_MS;
  await waitFor(() => Date.now() > leaseUntil, 1_000, "the first lease to expire");
  const second = await claimDueDeliveries(db(), { limit: count, workerId: "b" });
  expect(second.map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort());
  return { first, second };
};

const attemptAll = (claimed: ClaimedDelivery[]) => Promise.all(claimed.map((delivery) => attemptDelivery(delivery)));

describe("an outcome is recorded only by the worker holding the lease", () => {
  it("the first worker, recording after the worker that took over, adds no second attempt and changes nothing", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    const { first, second } = await claimThenTakeOver(1);
    // Both sent it (the same webhook-id twice): the first answer is a failure, the second a success.
    const base = receiver.count();
    answer = (index) => (index === base ? { status: 500 } : { status: 204 });
    const late = await attemptAll(first);
    const current = await attemptAll(second);

    expect((await recordAttempts(db(), current)).lost).toEqual([]);
    const recorded = await recordAttempts(db(), late);
    expect(recorded).toEqual({ recorded: [], lost: late });

    const delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 204, leaseToken: null });
    expect(delivery.attempts.map((a) => [a.number, a.outcome, a.statusCode])).toEqual([[1, "succeeded", 204]]);
    expect(await registrationOf(registration.id)).toMatchObject({ status: "active", consecutiveFailures: 0, failingSince: null });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
  });

  it("the first worker, recording before the worker that took over, neither blocks it nor touches the registration", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    const { first, second } = await claimThenTakeOver(1);
    const base = receiver.count();
    answer = (index) => (index === base ? { status: 410 } : { status: 200, body: "ok" });
    const late = await attemptAll(first);
    const current = await attemptAll(second);

    // The late 410 would mark the registration gone and the delivery failed: it must not.
    expect((await recordAttempts(db(), late)).lost).toEqual(late);
    expect(await deliveryOf(deliveryId!)).toMatchObject({ status: "delivering", leaseToken: second[0]!.leaseToken, attempts: [] });
    expect(await registrationOf(registration.id)).toMatchObject({ status: "active", consecutiveFailures: 0 });

    // Before, the late attempt row took number 1 and this insert failed for ever (a stalled delivery).
    expect((await recordAttempts(db(), current)).lost).toEqual([]);
    const delivery = await deliveryOf(deliveryId!);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 200 });
    expect(delivery.attempts.map((a) => [a.number, a.outcome, a.responseBody])).toEqual([[1, "succeeded", "ok"]]);
    expect((await registrationOf(registration.id)).lastDeliveryAt).not.toBeNull();
  });

  it("a batch mixing held and lost leases records the held ones and drops only the lost ones", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const ids = await enqueueEvents(db(), 4);
    const { first, second } = await claimThenTakeOver(2);
    // Two more deliveries claimed by "a" with a live lease, recorded in the same batch as its two lost ones.
    const held = await claimDueDeliveries(db(), { limit: 2, workerId: "a" });
    expect(held).toHaveLength(2);
    answer = () => ({ status: 500 });
    const lateAndHeld = await attemptAll([...first, ...held]);

    const recorded = await recordAttempts(db(), lateAndHeld);
    expect(recorded.recorded.map((a) => a.deliveryId).sort()).toEqual(held.map((d) => d.id).sort());
    expect(recorded.lost.map((a) => a.deliveryId).sort()).toEqual(first.map((d) => d.id).sort());

    answer = () => ({ status: 204 });
    expect((await recordAttempts(db(), await attemptAll(second))).lost).toEqual([]);
    for (const id of ids) {
      const delivery = await deliveryOf(id);
      const tookOver = second.some((d) => d.id === id);
      expect(delivery.attempts).toHaveLength(1);
      expect(delivery).toMatchObject(tookOver ? { status: "succeeded", attemptCount: 1 } : { status: "pending", attemptCount: 1, lastStatusCode: 500 });
    }
  });

  it("says in the log which outcomes were dropped", async () => {
    await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    const claimed = await claimDueDeliveries(db(), { limit: 1, workerId: "a", leaseMs: SHORT_LEASE_MS });
    const leaseUntil = Date.now() + SHORT_LEASE_MS;
    await waitFor(() => Date.now() > leaseUntil, 1_000, "the lease to expire");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // deliverDue (worker "b") takes it over, sends and records it; then "a" records its own.
    expect(await deliverDue({ workerId: "b" })).toBe(1);
    const { logLostOutcomes } = await import("./deliver-due");
    logLostOutcomes("a", (await recordAttempts(db(), await attemptAll(claimed))).lost);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`\\[delivery a\\] 1 outcome\\(s\\) not recorded.*${deliveryId}`)));
    expect((await deliveryOf(deliveryId!)).attempts).toHaveLength(1);
  });
});

describe("a replay whose lease was taken over", () => {
  it("records nothing: the worker that took the delivery over records its outcome alone", async () => {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url() });
    const [deliveryId] = await enqueueEvents(db(), 1);
    // The replay's request is held until the worker has taken the delivery over, sent and recorded it.
    let releaseReplay!: (answer: ReceiverAnswer) => void;
    const base = receiver.count();
    answer = (index) => (index === base ? new Promise((resolve) => (releaseReplay = resolve)) : { status: 204 });
    const replay = replayDelivery(scope, deliveryId!);
    await waitFor(() => receiver.count() > base, 5_000, "the replay's request");
    // Past the replay's lease (60 s) from the worker's point of view.
    expect(await deliverDue({ workerId: "b", now: new Date(Date.now() + 61_000) })).toBe(1);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    releaseReplay({ status: 410 });
    expect(await replay).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`replaying ${deliveryId} was not recorded`));

    const delivery = await deliveryOf(deliveryId!);
    expect(delivery.attempts.map((a) => [a.number, a.reason, a.statusCode])).toEqual([[1, "scheduled", 204]]);
    // The late 410 did not mark the registration gone.
    expect((await registrationOf(registration.id)).status).toBe("active");
  });
});

describe("no delivery stays delivering for ever", () => {
  it("releases an expired lease of a paused registration to pending, and cancels one of a gone registration", async () => {
    const paused = await createRegistration(db(), { callbackUrl: receiver.url("/paused") });
    const gone = await createRegistration(db(), { callbackUrl: receiver.url("/gone") });
    const active = await createRegistration(db(), { callbackUrl: receiver.url("/active") });
    await enqueueEvents(db(), 1);
    // A worker claims all three and dies; meanwhile one registration is paused, one gone.
    const claimed = await claimDueDeliveries(db(), { limit: 3, workerId: "dead", leaseMs: 60_000 });
    expect(claimed).toHaveLength(3);
    await db().triggerRegistration.update({ where: { id: paused.id }, data: { status: "paused" } });
    await db().triggerRegistration.update({ where: { id: gone.id }, data: { status: "gone" } });
    const byRegistration = (id: string) => db().delivery.findFirstOrThrow({ where: { registrationId: id } });

    // Not before the lease expired: the worker may be alive and about to record.
    expect(await releaseStrandedDeliveries(db(), new Date())).toBe(0);
    const later = new Date(Date.now() + 61_000);
    expect(await releaseStrandedDeliveries(db(), later)).toBe(2);
    expect(await byRegistration(paused.id)).toMatchObject({ status: "pending", leaseToken: null, leaseUntil: null });
    expect(await byRegistration(gone.id)).toMatchObject({ status: "cancelled", leaseToken: null, nextAttemptAt: null });
    // The active one is left for the claim, which takes it over.
    expect(await byRegistration(active.id)).toMatchObject({ status: "delivering", leaseToken: claimed[0]!.leaseToken });
    expect(claimed.every((d) => d.leaseToken === claimed[0]!.leaseToken)).toBe(true);
    expect(await deliverDue({ now: later })).toBe(1);
    expect(await byRegistration(active.id)).toMatchObject({ status: "succeeded" });

    await db().triggerRegistration.update({ where: { id: paused.id }, data: { status: "active" } });
    expect(await deliverDue({ now: later })).toBe(1);
    expect(await byRegistration(paused.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });
});

describe("a busy database", () => {
  it.runIf(process.env.TEST_DB_PROVIDER !== "postgresql")(
    "holds the batch of outcomes and logs it whole once the database is free, without stalling the loop",
    async () => {
      await createRegistration(db(), { callbackUrl: receiver.url() });
      process.env.DATABASE_WRITE_WAIT_MS = "200";
      resetSettingsCache();
      const target = database.current().target;
      const otherProcess = new Database(target.provider === "sqlite" ? target.filePath : "", { timeout: 0 });
      const errors: unknown[] = [];
      // The receiver takes the write lock (as another process would) before it answers, so the
      // worker's first attempt to log the outcomes meets a busy database.
      let locked = false;
      answer = () => {
        if (!locked) otherProcess.exec("BEGIN IMMEDIATE");
        locked = true;
        return { status: 204 };
      };
      const ids = await enqueueEvents(db(), 3);
      const worker = startDeliveryWorker({ workerId: "busy", pollMs: 5, onError: (error) => errors.push(error) });
      try {
        await waitFor(() => errors.length > 0, 10_000, "the busy database to refuse the first batch");
        expect(errors[0]).toBeInstanceOf(DatabaseBusyError);
        otherProcess.exec("ROLLBACK");
        await waitFor(async () => (await db().delivery.count({ where: { status: "succeeded" } })) === ids.length, 10_000, "the outcomes");
      } finally {
        await worker.stop();
        otherProcess.close();
        delete process.env.DATABASE_WRITE_WAIT_MS;
        resetSettingsCache();
      }
      expect(worker.stats()).toMatchObject({ recorded: ids.length });
      for (const id of ids) expect((await deliveryOf(id)).attempts).toHaveLength(1);
      expect(receiver.received).toHaveLength(ids.length);
    },
  );
});

