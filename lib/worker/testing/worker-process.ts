// One worker loop alone in its own process, for the crash tests (they SIGKILL it). The
// database comes from DATABASE_URL; which loop, and its options, from argv[2] as JSON.
// It loads and connects first, says "ready", and starts its loop on "start": a test can
// have the next worker standing by, so a restart after a kill costs no start-up time.
import { getDb } from "../../db/client";
import { workerLoops } from "../loops";
import type { WorkerProcessOptions } from "./fork-worker";

const options = JSON.parse(process.argv[2] ?? "{}") as WorkerProcessOptions;
const { workerId, leaseMs, pollMs, concurrency, claimLimit } = options;
let worker: { stop(): Promise<void> } | undefined;

process.on("message", (message) => {
  if (message !== "start" || worker) return;
  worker = workerLoops[options.loop]({ workerId, leaseMs, pollMs, concurrency, claimLimit });
  process.send?.("started");
});
// Graceful stop (SIGTERM): what is claimed is finished and logged.
process.once("SIGTERM", async () => {
  await worker?.stop();
  await getDb().$disconnect();
  process.exit(0);
});
// The test that started it is gone: no orphan keeps working on its database.
process.once("disconnect", () => process.exit(1));

await getDb().$queryRaw`SELECT 1`;
process.send?.("ready");
