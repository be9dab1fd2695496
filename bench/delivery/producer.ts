// The latency benchmark's event source, in its own process so that producing events is
// not what gets measured: at a steady rate, each event committed in its own transaction
// through the real outbox (enqueueEvent), as a refresh run commits its result. Nothing
// signals the delivery worker in-process; it learns of events the way a worker in another
// process does (PostgreSQL LISTEN/NOTIFY, or its poll on SQLite).
import { createDb } from "../../lib/db/client";
import type { DatabaseTarget } from "../../lib/db/provider";
import { enqueueEvent } from "../../lib/events/enqueue-event";
import { scope } from "../../lib/delivery/testing/fixtures";
import { benchEventData } from "./event-data";
import { writeTransaction } from "../../lib/db/write-transaction";

const MAX_IN_FLIGHT = 8;

type Start = { kind: "start"; target: DatabaseTarget; rate: number; total: number };

process.on("message", async (message: Start) => {
  if (message.kind !== "start") return;
  const db = createDb(message.target);
  await db.$queryRaw`SELECT 1`; // connect before the clock starts
  const intervalMs = 1000 / message.rate;
  const transactionMs: number[] = [];
  let behindMax = 0;
  let inFlight = 0;
  let freed: (() => void) | undefined;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  // Open loop: events arrive on schedule whether or not earlier ones have committed, as
  // concurrent refresh runs would; up to MAX_IN_FLIGHT transactions overlap.
  for (let i = 0; i < message.total; i++) {
    const dueAt = started + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (freed = resolve));
    behindMax = Math.max(behindMax, performance.now() - dueAt);
    inFlight++;
    const txStarted = performance.now();
    const done = writeTransaction(db, (tx) => enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", dataSourceId: null, data: benchEventData(i) }))
      .then(() => {
        transactionMs.push(performance.now() - txStarted);
      })
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
  process.send!({
    kind: "done",
    achievedRate: message.total / seconds,
    behindMaxMs: behindMax,
    transactionP50Ms: transactionMs[Math.floor(transactionMs.length / 2)] ?? NaN,
  });
});

process.send!({ kind: "ready" });
