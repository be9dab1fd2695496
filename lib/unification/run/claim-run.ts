import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";

// The same lease and takeover rules as data source refreshes (lib/datasources/claim-run.ts).
export { MAX_RUN_ATTEMPTS, RUN_LEASE_MS } from "../../datasources/claim-run";
import { RUN_LEASE_MS } from "../../datasources/claim-run";

export type ClaimedUnificationRun = Awaited<ReturnType<Db["unificationRun"]["findFirstOrThrow"]>> & { leaseToken: string; leaseMs: number };

// Queued runs, and running ones whose worker stopped renewing the lease (it crashed).
const claimableWhere = (now: Date) => ({
  OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }],
});

/**
 * Takes one unification run for this worker: the conditional updateMany is the lock (only one
 * worker's update matches a claimable row) and the winner reads the run back by its own lease
 * token. A new token means the worker whose lease expired can no longer renew or finish the
 * run. Spans tenants: the worker serves all of them.
 */
export const claimUnificationRun = async (
  db: Db,
  options: { runId?: string; workerId?: string; now?: Date; leaseMs?: number } = {},
): Promise<ClaimedUnificationRun | null> => {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const candidates = options.runId
    ? [options.runId]
    : (
        await db.unificationRun.findMany({
          where: claimableWhere(now),
          orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          take: 5,
          select: { id: true },
        })
      ).map((run) => run.id);

  for (const id of candidates) {
    const leaseToken = `${options.workerId ?? "worker"}:${randomBytes(12).toString("hex")}`;
    const { count } = await db.unificationRun.updateMany({
      where: { id, ...claimableWhere(now) },
      data: { status: "running", startedAt: now, leaseToken, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count !== 1) continue;
    const run = await db.unificationRun.findFirst({ where: { id, leaseToken } });
    if (!run) continue;
    if (run.attempts > 1) {
      console.warn(`Unification: run ${run.id} taken over by ${options.workerId ?? "worker"} after its lease expired (claim ${run.attempts}).`);
    }
    return { ...run, leaseToken, leaseMs };
  }
  return null;
};

/** Keeps the run's lease alive while it executes; returns the function that stops it. Needs the current token. */
export const keepUnificationLease = (db: Db, run: ClaimedUnificationRun): (() => void) => {
  const timer = setInterval(() => {
    db.unificationRun
      .updateMany({
        where: { id: run.id, leaseToken: run.leaseToken, status: "running" },
        data: { leaseUntil: new Date(Date.now() + run.leaseMs) },
      })
      .catch(() => undefined);
  }, run.leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
};
