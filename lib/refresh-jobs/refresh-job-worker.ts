import os from "node:os";
import { getDb } from "../db/client";
import { type ClaimLoop, startClaimLoop } from "../events/claim-loop";
import { getSettings } from "../settings/settings";
import { claimRefreshJob } from "./claim-job";
import { executeClaimedRefreshJob } from "./execute-job";
import { onRefreshJobRequested } from "./job-signal";
import type { TaskRunners } from "./task-runners";

export type RefreshJobWorker = ClaimLoop;

/**
 * The full refresh loop: claims queued jobs one at a time (leased, so several workers may share a
 * database) and advances each task by task. Its data source and unification tasks are executed by
 * the refresh and unification loops, which must run too (lib/worker/loops.ts runs them all in one
 * process, so a run's end wakes the job at once). Sleeps pollMs when idle; a job requested or
 * cancelled in this process wakes it. Stopping it hands the job in hand back (its lease released)
 * for another worker to resume at once.
 */
export const startRefreshJobWorker = (
  runners: TaskRunners,
  options: { pollMs?: number; workerId?: string; leaseMs?: number; runPollMs?: number } = {},
): RefreshJobWorker => {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}`;
  return startClaimLoop({
    name: "Full refresh worker",
    pollMs: options.pollMs ?? Math.max(getSettings().WORKER_POLL_MS, 500),
    onWake: onRefreshJobRequested,
    claimNext: () => claimRefreshJob(getDb(), { workerId, leaseMs: options.leaseMs }),
    runClaimed: (job, signal) => executeClaimedRefreshJob(getDb(), job, runners, { pollMs: options.runPollMs, signal }),
  });
};
