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

type Start = { kind: "start"; target: DatabaseTarget; rate: number; total: number };

process.on("message", async (message: Start) => {
  if (message.kind !== "start") return;
  const db = createDb(message.target);
  await db.$queryRaw`SELECT 1`; // connect before the clock starts
  const intervalMs = 1000 / message.rate;
  const transactionMs: number[] = [];
  let behindMax = 0;
  const started = performance.now();
  for (let i = 0; i < message.total; i++) {
    const dueAt = started + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    behindMax = Math.max(behindMax, performance.now() - dueAt);
    const txStarted = performance.now();
    await db.$transaction((tx) =>
      enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", dataSourceId: null, data: benchEventData(i) }),
    );
    transactionMs.push(performance.now() - txStarted);
  }
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
