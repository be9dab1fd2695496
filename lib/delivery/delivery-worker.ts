import { type Db, getDb } from "../db/client";
import { onDeliveriesPending } from "../events/delivery-signal";
import { getSettings } from "../settings/settings";
import { attemptDelivery, type ClaimedDelivery, claimDueDeliveries } from "./deliver-due";
import { type CompletedAttempt, recordAttempts } from "./record-attempts";

export type DeliveryWorkerOptions = {
  /** Attempts in flight at once (WORKER_CONCURRENCY). */
  concurrency?: number;
  /** How often to look for due deliveries when nothing wakes the loop (WORKER_POLL_MS). */
  pollMs?: number;
  workerId?: string;
  /** Defaults to the process-wide client; tests run several workers on separate clients. */
  db?: Db;
  /** The largest batch claimed at once. */
  claimLimit?: number;
  onError?: (error: unknown) => void;
};

export type DeliveryWorker = { stop(): Promise<void> };

/**
 * The delivery loop: claim due deliveries in batches, send them with bounded concurrency,
 * and log the outcomes in batched transactions (group commit: while one write runs, the
 * next batch of outcomes accumulates). A delivery stays leased until its outcome is
 * committed, so a crash at any point means the delivery is sent again with the same
 * webhook-id, never lost.
 */
export const startDeliveryWorker = (options: DeliveryWorkerOptions = {}): DeliveryWorker => {
  const settings = getSettings();
  const db = options.db ?? getDb();
  const concurrency = options.concurrency ?? settings.WORKER_CONCURRENCY;
  const pollMs = options.pollMs ?? settings.WORKER_POLL_MS;
  const workerId = options.workerId ?? `pid${process.pid}`;
  const claimLimit = options.claimLimit ?? Math.max(concurrency * 2, 50);
  // Claimed but not yet logged: bounds memory and keeps leases short.
  const maxOutstanding = claimLimit * 2;
  const onError = options.onError ?? ((error: unknown) => console.error(`[delivery ${workerId}]`, error));

  let stopped = false;
  const queue: ClaimedDelivery[] = [];
  let inFlight = 0;
  let unrecorded: CompletedAttempt[] = [];
  let recording: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let wakeRequested = false;

  const outstanding = () => queue.length + inFlight + unrecorded.length;

  const nudge = () => {
    wakeRequested = true;
    wake?.();
  };

  const flush = () => {
    if (recording || unrecorded.length === 0) return;
    const batch = unrecorded;
    unrecorded = [];
    recording = recordAttempts(db, batch)
      .catch(async (error) => {
        // One bad row (for instance a lease taken over after expiry) must not lose the rest.
        onError(error);
        for (const attempt of batch) await recordAttempts(db, [attempt]).catch(onError);
      })
      .finally(() => {
        recording = undefined;
        flush();
        nudge();
      });
  };

  const pump = () => {
    while (inFlight < concurrency && queue.length > 0) {
      const delivery = queue.shift()!;
      inFlight++;
      void attemptDelivery(delivery).then((attempt) => {
        inFlight--;
        unrecorded.push(attempt);
        flush();
        pump();
      });
    }
  };

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (wakeRequested || stopped) return resolve();
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const unsubscribe = onDeliveriesPending(nudge);

  const loop = (async () => {
    while (!stopped) {
      wakeRequested = false;
      const room = Math.min(claimLimit, maxOutstanding - outstanding());
      let claimedCount = 0;
      if (room > 0) {
        try {
          const claimed = await claimDueDeliveries(db, { limit: room, workerId });
          claimedCount = claimed.length;
          queue.push(...claimed);
          pump();
        } catch (error) {
          onError(error);
        }
      }
      // A full batch means more is probably due: claim again at once if there is room.
      if (claimedCount > 0 && claimedCount === room && outstanding() < maxOutstanding) continue;
      await sleep();
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
      // Claimed work is finished and logged rather than left to expire.
      while (queue.length > 0 || inFlight > 0 || unrecorded.length > 0 || recording) {
        pump();
        flush();
        await (recording ?? new Promise((resolve) => setTimeout(resolve, 5)));
      }
    },
  };
};
