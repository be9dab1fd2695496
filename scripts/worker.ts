// npm run worker — runs the worker's loops (lib/worker/loops.ts: refreshes, unification runs, deliveries) (npm start runs one next to the app).
import os from "node:os";
import { getDb } from "../lib/db/client";
import { runWorkers } from "../lib/worker/run-workers";

const workerId = `${os.hostname()}:${process.pid}`;
const workers = runWorkers(workerId);
console.log(`Worker ${workerId} started.`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Worker received ${signal}, finishing in-flight work…`);
  await workers.stop();
  await getDb().$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
