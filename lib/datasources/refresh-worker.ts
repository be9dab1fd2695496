import os from "node:os";
import { getDb } from "../db/client";
import { type ClaimLoop, startClaimLoop } from "../events/claim-loop";
import { getSettings } from "../settings/settings";
import { claimRun } from "./claim-run";
import { executeClaimedRun } from "./execute-run";
import { onRefreshRequested, signalRefreshEnded } from "./refresh-signal";

export type RefreshWorker = ClaimLoop;

/**
 * The refresh loop: claims queued runs one at a time (leased, so several workers may share
 * a database) and executes them. Sleeps pollMs when idle; a refresh requested in this
 * process wakes it at once.
 */
export const startRefreshWorker = (options: { pollMs?: number; workerId?: string; leaseMs?: number } = {}): RefreshWorker => {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}`;
  return startClaimLoop({
    name: "Refresh worker",
    // Refreshes are rarer than deliveries: no need to poll as eagerly as the delivery loop.
    pollMs: options.pollMs ?? Math.max(getSettings().WORKER_POLL_MS, 500),
    onWake: onRefreshRequested,
    claimNext: () => claimRun(getDb(), { workerId, leaseMs: options.leaseMs }),
    runClaimed: async (run) => {
      await executeClaimedRun(getDb(), run).finally(signalRefreshEnded);
    },
  });
};
