import os from "node:os";
import { getDb } from "../../db/client";
import { type ClaimLoop, startClaimLoop } from "../../events/claim-loop";
import { getSettings } from "../../settings/settings";
import { claimUnificationRun } from "./claim-run";
import type { UnificationEngine } from "./engine-port";
import { executeClaimedUnificationRun } from "./execute-run";
import { onUnificationRequested, signalUnificationEnded } from "./run-signal";

export type UnificationWorker = ClaimLoop;

/**
 * The unification loop: claims queued runs one at a time (leased, so several workers may share
 * a database) and executes them. Sleeps pollMs when idle; a run requested in this process wakes
 * it at once.
 */
export const startUnificationWorker = (
  engine: UnificationEngine,
  options: { pollMs?: number; workerId?: string; leaseMs?: number } = {},
): UnificationWorker => {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}`;
  return startClaimLoop({
    name: "Unification worker",
    // Runs are rarer than deliveries: no need to poll as eagerly as the delivery loop.
    pollMs: options.pollMs ?? Math.max(getSettings().WORKER_POLL_MS, 500),
    onWake: onUnificationRequested,
    claimNext: () => claimUnificationRun(getDb(), { workerId, leaseMs: options.leaseMs }),
    runClaimed: async (run) => {
      await executeClaimedUnificationRun(getDb(), run, engine).finally(signalUnificationEnded);
    },
  });
};
