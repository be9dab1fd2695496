import { startRefreshWorker } from "../datasources/refresh-worker";
import { startDeliveryWorker } from "../delivery/delivery-worker";
import { taskRunners } from "../refresh-jobs/default-task-runners";
import { startRefreshJobWorker } from "../refresh-jobs/refresh-job-worker";
import { startScheduler } from "../refresh-jobs/schedule/scheduler";
import { unificationEngine } from "../unification/run/engine";
import { startUnificationWorker } from "../unification/run/unification-worker";

// Every loop the worker process runs, by name. A new job is one entry: its domain defines the
// loop, usually with startClaimLoop (lib/events/claim-loop.ts).

export type WorkerLoopOptions = {
  workerId: string;
  /** Overrides for tests; each loop has its own defaults from the settings. */
  pollMs?: number;
  leaseMs?: number;
  /** Delivery loop only. */
  concurrency?: number;
  claimLimit?: number;
};

export type RunningLoop = { stop(): Promise<void> };

export const workerLoops = {
  refresh: ({ workerId, pollMs, leaseMs }: WorkerLoopOptions): RunningLoop => startRefreshWorker({ workerId, pollMs, leaseMs }),
  unification: ({ workerId, pollMs, leaseMs }: WorkerLoopOptions): RunningLoop =>
    startUnificationWorker(unificationEngine, { workerId, pollMs, leaseMs }),
  refreshJob: ({ workerId, pollMs, leaseMs }: WorkerLoopOptions): RunningLoop =>
    startRefreshJobWorker(taskRunners, { workerId, pollMs, leaseMs }),
  // Starts the due scheduled full refreshes; safe in several processes (one job per due time).
  scheduler: ({ pollMs }: WorkerLoopOptions): RunningLoop => startScheduler({ tickMs: pollMs }),
  // The batched pump (claim many, send concurrently, log in group commits) keeps its own loop.
  delivery: ({ workerId, pollMs, leaseMs, concurrency, claimLimit }: WorkerLoopOptions): RunningLoop =>
    startDeliveryWorker({ workerId, pollMs, leaseMs, concurrency, claimLimit }),
} satisfies Record<string, (options: WorkerLoopOptions) => RunningLoop>;

export type WorkerLoopName = keyof typeof workerLoops;
