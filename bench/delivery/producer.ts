// The event source of the delivery and load benchmarks, in its own process so that producing
// events is not what gets measured: at a steady rate, each event committed in its own transaction
// through the real outbox (enqueueEvent), as a refresh run commits its result. Nothing signals the
// delivery worker in-process; it learns of events the way a worker in another process does
// (PostgreSQL LISTEN/NOTIFY, or its poll on SQLite). It stops after `total` events, or, with no
// total, when told to stop. A transaction that fails is counted (and the first error kept), not
// retried: the benchmark decides what a failure means.
import { createDb } from "../../lib/db/client";
import type { DatabaseTarget } from "../../lib/db/provider";
import { enqueueEvent } from "../../lib/events/enqueue-event";
import { scope } from "../../lib/testing/factories";
import { benchEventData } from "./event-data";
import { writeTransaction } from "../../lib/db/write-transaction";

const MAX_IN_FLIGHT = 8;

export type ProducerStart = { kind: "start"; target: DatabaseTarget; rate: number; total: number | null };
export type ProducerStop = { kind: "stop" };
export type ProducerDone = {
  kind: "done";
  committed: number;
  failed: number;
  firstError: string | null;
  achievedRate: number;
  behindMaxMs: number;
  transactionP50Ms: number;
};

let stopping = false;

const produce = async (message: ProducerStart) => {
  const db = createDb(message.target);
  await db.$queryRaw`SELECT 1`; // connect before the clock starts
  const intervalMs = 1000 / message.rate;
  const transactionMs: number[] = [];
  let behindMax = 0;
  let inFlight = 0;
  let failed = 0;
  let firstError: string | null = null;
  let freed: (() => void) | undefined;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  // Open loop: events arrive on schedule whether or not earlier ones have committed, as
  // concurrent refresh runs would; up to MAX_IN_FLIGHT transactions overlap.
  for (let i = 0; message.total === null || i < message.total; i++) {
    const dueAt = started + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (freed = resolve));
    if (stopping) break;
    behindMax = Math.max(behindMax, performance.now() - dueAt);
    inFlight++;
    const txStarted = performance.now();
    const done = writeTransaction(db, (tx) => enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: benchEventData(i) }))
      .then(
        () => {
          transactionMs.push(performance.now() - txStarted);
        },
        (error: unknown) => {
          failed++;
          firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        },
      )
      .finally(() => {
        inFlight--;
        pending.delete(done);
        freed?.();
      });
    pending.add(done);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  transactionMs.sort((a, b) => a - b);
  const result: ProducerDone = {
    kind: "done",
    committed: transactionMs.length,
    failed,
    firstError,
    achievedRate: transactionMs.length / seconds,
    behindMaxMs: behindMax,
    transactionP50Ms: transactionMs[Math.floor(transactionMs.length / 2)] ?? NaN,
  };
  process.send!(result);
};

process.on("message", (message: ProducerStart | ProducerStop) => {
  if (message.kind === "stop") stopping = true;
  else if (message.kind === "start") void produce(message);
});

process.send!({ kind: "ready" });
