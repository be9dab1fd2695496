import os from "node:os";
import { getDb } from "../db/client";
import { getSettings } from "../settings/settings";
import { claimRun } from "./claim-run";
import { executeClaimedRun } from "./execute-run";
import { onRefreshRequested } from "./refresh-signal";

export type RefreshWorker = { stop(): Promise<void> };

/**
 * The refresh loop: claims queued runs one at a time (leased, so several workers may share
 * a database) and executes them. Sleeps pollMs when idle; a refresh requested in this
 * process wakes it at once.
 */
export const startRefreshWorker = (options: { pollMs?: number; workerId?: string; leaseMs?: number } = {}): RefreshWorker => {
  // Refreshes are rarer than deliveries: no need to poll as eagerly as the delivery loop.
  const pollMs = options.pollMs ?? Math.max(getSettings().WORKER_POLL_MS, 500);
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}`;
  let stopped = false;
  let wake: (() => void) | undefined;
  let pendingWake = false;
  const offRequested = onRefreshRequested(() => {
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
        const run = await claimRun(db, { workerId, leaseMs: options.leaseMs });
        if (run) {
          worked = true;
          await executeClaimedRun(db, run);
        }
      } catch (error) {
        console.error("Refresh worker: could not claim or run a refresh", error);
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
