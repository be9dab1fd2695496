import os from "node:os";
import { getDb } from "../../db/client";
import { getSettings } from "../../settings/settings";
import { claimUnificationRun } from "./claim-run";
import type { UnificationEngine } from "./engine-port";
import { executeClaimedUnificationRun } from "./execute-run";
import { onUnificationRequested } from "./run-signal";

export type UnificationWorker = { stop(): Promise<void> };

/**
 * The unification loop: claims queued runs one at a time (leased, so several workers may share
 * a database) and executes them. Sleeps pollMs when idle; a run requested in this process wakes
 * it at once. The same skeleton as the refresh loop (lib/datasources/refresh-worker.ts).
 */
export const startUnificationWorker = (
  engine: UnificationEngine,
  options: { pollMs?: number; workerId?: string; leaseMs?: number } = {},
): UnificationWorker => {
  // Runs are rarer than deliveries: no need to poll as eagerly as the delivery loop.
  const pollMs = options.pollMs ?? Math.max(getSettings().WORKER_POLL_MS, 500);
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}`;
  let stopped = false;
  let wake: (() => void) | undefined;
  let pendingWake = false;
  const offRequested = onUnificationRequested(() => {
    pendingWake = true;
    wake?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      pendingWake = false;
      let worked = false;
      try {
        const db = getDb();
        const run = await claimUnificationRun(db, { workerId, leaseMs: options.leaseMs });
        if (run) {
          worked = true;
          await executeClaimedUnificationRun(db, run, engine);
        }
      } catch (error) {
        console.error("Unification worker: could not claim or run a unification", error);
      }
      if (!worked) await sleep();
      wake = undefined;
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      offRequested();
      wake?.();
      await loop;
    },
  };
};
