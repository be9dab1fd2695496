import { type Db, getDatabaseTarget, getDb } from "../db/client";
import { DatabaseBusyError } from "../db/database-busy-error";
import type { DatabaseTarget } from "../db/provider";
import { onDeliveriesPending } from "../events/delivery-signal";
import { getSettings } from "../settings/settings";
import { attemptDelivery, type ClaimedDelivery, claimDueDeliveries, DEFAULT_LEASE_MS, logLostOutcomes } from "./deliver-due";
import { type CompletedAttempt, recordAttempts } from "./record-attempts";
import { listenForDeliveries } from "./sql/listen-for-deliveries";
import { releaseStrandedDeliveries } from "./sql/release-stranded-deliveries";

export type DeliveryWorkerOptions = {
  /** Attempts in flight at once (WORKER_CONCURRENCY). */
  concurrency?: number;
  /** How often to look for due deliveries when nothing wakes the loop (WORKER_POLL_MS). */
  pollMs?: number;
  workerId?: string;
  /** Defaults to the process-wide client; tests run several workers on separate clients. */
  db?: Db;
  /**
   * The database `db` talks to (defaults to the process-wide one when `db` is not given).
   * On PostgreSQL the worker LISTENs there, so events committed by any process wake it.
   */
  databaseTarget?: DatabaseTarget;
  /** The largest batch claimed at once. */
  claimLimit?: number;
  /**
   * How long a claimed delivery stays leased to this worker. Past it, another worker may take
   * it over (and this worker's outcome for it is dropped). Tests shorten it to see takeovers.
   */
  leaseMs?: number;
  onError?: (error: unknown) => void;
};

const FLUSH_DELAY_MS = 2;

export type DeliveryWorkerStats = { claims: number; claimed: number; claimMs: number; flushes: number; recorded: number; flushMs: number };

export type DeliveryWorker = { stop(): Promise<void>; stats(): DeliveryWorkerStats };

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
  const minClaim = Math.max(1, Math.floor(claimLimit / 2));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const onError = options.onError ?? ((error: unknown) => console.error(`[delivery ${workerId}]`, error));

  let stopped = false;
  const queue: ClaimedDelivery[] = [];
  let inFlight = 0;
  let unrecorded: CompletedAttempt[] = [];
  let recording: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let wakeRequested = false;

  const stats: DeliveryWorkerStats = { claims: 0, claimed: 0, claimMs: 0, flushes: 0, recorded: 0, flushMs: 0 };

  const outstanding = () => queue.length + inFlight + unrecorded.length;

  const nudge = () => {
    wakeRequested = true;
    wake?.();
  };

  // Group commit: outcomes wait a moment (or until a batch is full) so that one
  // transaction, one fsync, logs many attempts.
  let flushTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  const flush = () => {
    if (recording || flushTimer || unrecorded.length === 0) return;
    const start = () => {
      flushTimer = undefined;
      if (recording || unrecorded.length === 0) return;
      record();
    };
    flushTimer = unrecorded.length >= minClaim ? setImmediate(start) : setTimeout(start, FLUSH_DELAY_MS);
  };

  const record = () => {
    const batch = unrecorded;
    unrecorded = [];
    const started = performance.now();
    recording = recordAttempts(db, batch)
      .then(({ lost }) => {
        stats.flushes++;
        stats.recorded += batch.length - lost.length;
        stats.flushMs += performance.now() - started;
        logLostOutcomes(workerId, lost);
      })
      .catch(async (error) => {
        onError(error);
        if (error instanceof DatabaseBusyError) {
          // Nothing was written and the database already made us wait: the whole batch is
          // tried again at the next flush (an outcome whose lease expires meanwhile is dropped then).
          unrecorded = [...batch, ...unrecorded];
          return;
        }
        // Something in the batch itself: log the rest one by one. What cannot be logged stays
        // leased, and is sent again once its lease expires.
        for (const attempt of batch) {
          await recordAttempts(db, [attempt])
            .then(({ lost }) => logLostOutcomes(workerId, lost))
            .catch(onError);
        }
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
  const target = options.databaseTarget ?? (options.db ? undefined : getDatabaseTarget());
  const listener = target?.provider === "postgresql" ? listenForDeliveries(target.url, nudge, onError) : undefined;

  // Deliveries whose lease expired while their registration stopped receiving (paused,
  // disabled, gone) are not claimable; looked for once a lease period so none stays "delivering".
  let releasedAt = 0;
  const releaseStranded = async () => {
    if (performance.now() - releasedAt < leaseMs) return;
    releasedAt = performance.now();
    await releaseStrandedDeliveries(db, new Date()).catch(onError);
  };

  const loop = (async () => {
    while (!stopped) {
      wakeRequested = false;
      await releaseStranded();
      const room = Math.min(claimLimit, maxOutstanding - outstanding());
      let claimedCount = 0;
      // Under load, claim in large batches: a claim costs about the same for 1 row or 500,
      // so topping up one freed slot at a time would spend the loop on claim queries.
      if (room >= minClaim || (room > 0 && queue.length + inFlight === 0)) {
        try {
          const started = performance.now();
          const claimed = await claimDueDeliveries(db, { limit: room, workerId, leaseMs });
          stats.claims++;
          stats.claimed += claimed.length;
          stats.claimMs += performance.now() - started;
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
    stats: () => ({ ...stats }),
    stop: async () => {
      stopped = true;
      unsubscribe();
      await listener?.close();
      wake?.();
      await loop;
      // Claimed work is finished and logged rather than left to expire.
      while (queue.length > 0 || inFlight > 0 || unrecorded.length > 0 || recording || flushTimer) {
        pump();
        flush();
        await (recording ?? new Promise((resolve) => setTimeout(resolve, 5)));
      }
    },
  };
};
