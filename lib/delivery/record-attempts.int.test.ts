import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";
import { attemptFailure } from "./attempt-error";
import { claimDueDeliveries, completedAttempt } from "./deliver-due";
import { recordAttempts } from "./record-attempts";
import type { AttemptResult } from "./send-webhook";
import { clearOutbox, createRegistration, enqueueEvents, seedIdentity, useFixedEncryptionKey } from "../testing/factories";

// Outcomes are made up here (no HTTP): what matters is what a batch of them writes.
useFixedEncryptionKey();
const database = useTestDatabase();
const db = () => database.current().db;

beforeAll(async () => {
  await seedIdentity(db());
});
afterEach(async () => {
  await clearOutbox(db());
});

const base = Date.now() - 60_000;

const result = (status: number, finishedAfterMs: number): AttemptResult => {
  const failure = status < 300 ? null : attemptFailure("http_status", `The endpoint answered HTTP ${status}.`, { status });
  return {
    outcome: failure ? "failed" : "succeeded",
    startedAt: new Date(base + finishedAfterMs - 10),
    statusCode: status,
    durationMs: 10,
    responseBody: null,
    error: failure?.message ?? null,
    errorCode: failure?.code ?? null,
    errorDetails: failure?.details ?? null,
    retryAfterMs: null,
    timedOut: false,
    refused: false,
  };
};


const registrationOf = (id: string) => db().triggerRegistration.findUniqueOrThrow({ where: { id } });

const claimAll = async () => claimDueDeliveries(db(), { limit: 100, workerId: "test" });

describe("recordAttempts: a registration's health from a batch of outcomes", () => {
  it("counts the failures after the batch's last success, the failing clock starting at the first of them", async () => {
    const registration = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/a" });
    await db().triggerRegistration.update({
      where: { id: registration.id },
      data: { status: "failing", consecutiveFailures: 7, failingSince: new Date(base - 3_600_000) },
    });
    await enqueueEvents(db(), 4);
    const claimed = await claimAll();
    // Answers in this order (not the batch's): 500, 204, 500, 503.
    const order = [[500, 1_000], [204, 2_000], [500, 3_000], [503, 4_000]] as const;
    const batch = claimed.map((delivery, index) => completedAttempt(delivery, result(order[index]![0], order[index]![1])));
    const now = new Date();

    expect((await recordAttempts(db(), [batch[2]!, batch[0]!, batch[3]!, batch[1]!], { now, random: () => 0.5 })).lost).toEqual([]);

    expect(await registrationOf(registration.id)).toMatchObject({
      status: "failing",
      consecutiveFailures: 2,
      failingSince: new Date(base + 3_000),
      lastDeliveryAt: now,
    });
    expect(await db().deliveryAttempt.count({ where: { deliveryId: { in: claimed.map((d) => d.id) } } })).toBe(4);
  });

  it("in one batch, makes a failing registration that got through active again while another starts failing", async () => {
    const recovering = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/r" });
    await db().triggerRegistration.update({
      where: { id: recovering.id },
      data: { status: "failing", consecutiveFailures: 3, failingSince: new Date(base - 3_600_000) },
    });
    const breaking = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/b", type: "datasource.refresh.succeeded" });
    await enqueueEvents(db(), 1, "datasource.refresh.failed");
    await enqueueEvents(db(), 1, "datasource.refresh.succeeded");
    const claimed = await claimAll();
    const batch = claimed.map((delivery) => completedAttempt(delivery, delivery.registrationId === recovering.id ? result(200, 1_000) : result(500, 2_000)));
    const now = new Date();

    await recordAttempts(db(), batch, { now, random: () => 0.5 });

    expect(await registrationOf(recovering.id)).toMatchObject({ status: "active", consecutiveFailures: 0, failingSince: null, lastDeliveryAt: now });
    expect(await registrationOf(breaking.id)).toMatchObject({ status: "failing", consecutiveFailures: 1, failingSince: new Date(base + 2_000) });
    const deliveries = await db().delivery.findMany({ where: { id: { in: claimed.map((d) => d.id) } } });
    expect(deliveries.map((d) => [d.registrationId, d.status, d.leaseToken]).sort()).toEqual(
      [
        [recovering.id, "succeeded", null],
        [breaking.id, "pending", null],
      ].sort(),
    );
  });

  it("rewrites a healthy registration's row at most once a second (a hot row), and its deliveries every time", async () => {
    const registration = await createRegistration(db(), { callbackUrl: "https://hooks.example.com/h" });
    const recordOne = async (now: Date) => {
      await enqueueEvents(db(), 1);
      const [delivery] = await claimAll();
      await recordAttempts(db(), [completedAttempt(delivery!, result(204, 1_000))], { now });
      return delivery!.id;
    };
    const first = new Date();
    await recordOne(first);
    const soonAfter = await recordOne(new Date(first.getTime() + 400));
    expect((await registrationOf(registration.id)).lastDeliveryAt).toEqual(first);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: soonAfter } })).toMatchObject({
      status: "succeeded",
      completedAt: new Date(first.getTime() + 400),
    });
    const later = new Date(first.getTime() + 1_500);
    await recordOne(later);
    expect((await registrationOf(registration.id)).lastDeliveryAt).toEqual(later);
  });

  // The first lease expired while its attempt was in flight and this same worker claimed the
  // delivery again: both outcomes can end up in one batch, and only the held lease's counts.
  for (const [firstStatus, path] of [[204, "a batch of successes"], [500, "a mixed batch"]] as const) {
    it(`tells two outcomes of one delivery in a batch apart by their lease (${path})`, async () => {
      await createRegistration(db(), { callbackUrl: "https://hooks.example.com/twice" });
      await enqueueEvents(db(), 1);
      const [first] = await claimDueDeliveries(db(), { limit: 1, workerId: "test", leaseMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [again] = await claimAll();
      expect(again!.id).toBe(first!.id);

      const { recorded, lost } = await recordAttempts(db(), [completedAttempt(first!, result(firstStatus, 1_000)), completedAttempt(again!, result(204, 2_000))]);

      expect(recorded.map((a) => a.leaseToken)).toEqual([again!.leaseToken]);
      expect(lost.map((a) => a.leaseToken)).toEqual([first!.leaseToken]);
      const delivery = await db().delivery.findUniqueOrThrow({ where: { id: first!.id }, include: { attempts: true } });
      expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, leaseToken: null });
      expect(delivery.attempts.map((a) => [a.number, a.statusCode])).toEqual([[1, 204]]);
    });
  }
});
