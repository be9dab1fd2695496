import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeTransaction } from "../db/write-transaction";
import { enqueueEvent } from "../events/enqueue-event";
import { useTestDatabase } from "../testing/test-database";
import { faultSeed, forkWorker, seededIntegers, stopWorker, type WorkerProcess } from "../worker/testing/fork-worker";
import { createRegistration, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { startWebhookReceiver, type WebhookReceiver, waitFor } from "./testing/webhook-receiver";

// The delivery loop runs in a child process that is SIGKILLed three times, at random
// moments, while it delivers 10,000 events to a real HTTP receiver; each time a new one
// is started and takes the dead one's deliveries over once their (short) lease expires.

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
const database = useTestDatabase();
const db = () => database.current().db;

// Many registrations, few events: enqueuing (setup, not under test) stays quick.
const REGISTRATIONS = 100;
const EVENTS_PER_REGISTRATION = 100;
const DELIVERIES = REGISTRATIONS * EVENTS_PER_REGISTRATION;
const KILLS = 3;
// Long enough that a live worker never loses its own leases, even on a busy machine (a
// repeat the verdict below would rightly blame), short enough that takeovers take seconds.
// Small batches keep the time from claim to logged outcome well below it.
const LEASE_MS = 5_000;
const CONCURRENCY = 16;
const CLAIM_LIMIT = 32;

let receiver: WebhookReceiver;
const workers: WorkerProcess[] = [];

// Each worker is forked ahead and stands by, loaded and connected, so that a restart after
// a kill is immediate (the verdict does not depend on it; the test's duration does).
const forkDeliveryWorker = (index: number) => {
  const worker = forkWorker({
    loop: "delivery",
    workerId: `crash${index}`,
    leaseMs: LEASE_MS,
    pollMs: 10,
    concurrency: CONCURRENCY,
    claimLimit: CLAIM_LIMIT,
    databaseUrl: database.current().target.url,
  });
  workers.push(worker);
  return worker;
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await receiver.close();
});

it(`delivers ${DELIVERIES} events, each once but for those in flight when its worker was SIGKILLed (${KILLS} times)`, async () => {
  const random = seededIntegers(faultSeed("delivery worker crash test"));
  const startedAt = performance.now();
  const elapsed = () => `${Math.round(performance.now() - startedAt)} ms`;
  let standby = forkDeliveryWorker(0);

  await seedIdentity(db());
  const secrets = new Map<string, string>();
  for (let i = 0; i < REGISTRATIONS; i++) {
    const registration = await createRegistration(db(), { callbackUrl: receiver.url(`/r${i}`) });
    secrets.set(`/r${i}`, registration.secret);
  }
  await writeTransaction(db(), async (tx) => {
    for (let i = 0; i < EVENTS_PER_REGISTRATION; i++) {
      await enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: { i } });
    }
  });
  expect(await db().delivery.count({ where: { status: "pending" } })).toBe(DELIVERIES);

  // Kill moments: when the receiver has taken this many requests, one in each quarter of the run.
  const killAt = Array.from({ length: KILLS }, (_, k) =>
    random(Math.round(((k + 0.2) * DELIVERIES) / (KILLS + 1)), Math.round(((k + 1) * DELIVERIES) / (KILLS + 1))),
  );
  console.log(`enqueued at ${elapsed()}; killing when the receiver has had ${killAt.join(", ")} requests`);

  let current = standby;
  const startNext = async (index: number) => {
    current = standby;
    await current.start();
    console.log(`worker ${index} started at ${elapsed()}`);
    if (index < KILLS) standby = forkDeliveryWorker(index + 1);
  };
  const killedAt: string[] = [];
  receiver.setOnRequest((request) => {
    if (killedAt.length < KILLS && receiver.count() >= killAt[killedAt.length]!) {
      current.child.kill("SIGKILL");
      killedAt.push(request.headers["webhook-id"]!);
    }
  });
  await startNext(0);

  // What each killed worker had claimed and not recorded. Nothing else can change these
  // rows before the next worker starts: this is exactly what was in flight at the kill.
  const inFlightAtKill: Array<Set<string>> = [];
  for (let kill = 0; kill < KILLS; kill++) {
    const killed = current;
    expect(await killed.exited).toEqual({ code: null, signal: "SIGKILL" });
    const leased = await db().delivery.findMany({ where: { status: "delivering" }, select: { id: true, leaseToken: true } });
    const inFlight = new Set(leased.filter((d) => d.leaseToken!.startsWith(`lease_${killed.workerId}_`)).map((d) => d.id));
    // The request that triggered the kill was still unanswered: its outcome cannot have been recorded.
    expect(inFlight).toContain(killedAt[kill]);
    inFlightAtKill.push(inFlight);
    console.log(`kill ${kill + 1} at ${elapsed()}, ${inFlight.size} deliveries in flight`);
    await startNext(kill + 1);
  }
  await waitFor(async () => (await db().delivery.count({ where: { status: "succeeded" } })) === DELIVERIES, 120_000, "every delivery to succeed");
  expect(await stopWorker(current)).toEqual({ code: 0, signal: null });

  // Every delivery ended succeeded, none pending or in flight, each with exactly one attempt row.
  expect(await db().delivery.groupBy({ by: ["status", "attemptCount"], _count: { _all: true } })).toEqual([
    { status: "succeeded", attemptCount: 1, _count: { _all: DELIVERIES } },
  ]);
  expect(await db().deliveryAttempt.groupBy({ by: ["number", "outcome", "statusCode"], _count: { _all: true } })).toEqual([
    { number: 1, outcome: "succeeded", statusCode: 204, _count: { _all: DELIVERIES } },
  ]);
  expect(await db().deliveryAttempt.findMany({ distinct: ["deliveryId"], select: { deliveryId: true } })).toHaveLength(DELIVERIES);

  // Every delivery reached the receiver with its own webhook-id, its event's payload and a valid signature.
  const deliveries = await db().delivery.findMany({ select: { id: true, event: { select: { payload: true } } } });
  const payloads = new Map(deliveries.map((d) => [d.id, d.event.payload]));
  const received = new Map<string, number>();
  for (const request of receiver.received) {
    const id = request.headers["webhook-id"]!;
    expect(request.body).toBe(payloads.get(id));
    new Webhook(secrets.get(request.path)!).verify(request.body, request.headers);
    received.set(id, (received.get(id) ?? 0) + 1);
  }
  expect(new Set(received.keys())).toEqual(new Set(payloads.keys()));

  // Repeats: only deliveries a killed worker had in flight, at most once more per such kill.
  const repeated = [...received].filter(([, times]) => times > 1);
  const unexplained = repeated.flatMap(([id, times]) => {
    const kills = inFlightAtKill.filter((inFlight) => inFlight.has(id)).length;
    return times > 1 + kills ? [{ id, times, inFlightAtKills: kills }] : [];
  });
  expect(unexplained).toEqual([]);
  console.log(`done at ${elapsed()}: ${receiver.received.length} requests, ${repeated.length} deliveries received twice`);
}, 240_000);
