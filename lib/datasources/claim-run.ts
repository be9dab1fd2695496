import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";

/** How long a claimed run stays leased without a renewal; the worker renews it every third of that. */
export const RUN_LEASE_MS = 60_000;

/**
 * Claims of one run, the first included. A run whose lease expired (its worker died, or
 * stopped renewing) is taken over and run again up to this many claims in all; the claim
 * after that fails it (`interrupted`): a file that kills every worker reading it must not
 * keep the worker busy for ever.
 */
export const MAX_RUN_ATTEMPTS = 3;

export type ClaimedRun = Awaited<ReturnType<Db["dataSourceRun"]["findFirstOrThrow"]>> & { leaseToken: string; leaseMs: number };

// Queued runs, and running ones whose worker stopped renewing the lease (it crashed).
const claimableWhere = (now: Date) => ({
  OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }],
});

/**
 * Takes one run for this worker. The conditional updateMany is the lock: on SQLite and
 * PostgreSQL alike only one worker's update matches a claimable row, and the winner reads
 * the run back by its own lease token. A new lease token also means that the worker whose
 * lease expired can no longer renew it or finish the run. Spans tenants: the worker serves
 * all of them.
 */
export const claimRun = async (
  db: Db,
  options: { runId?: string; workerId?: string; now?: Date; leaseMs?: number } = {},
): Promise<ClaimedRun | null> => {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const candidates = options.runId
    ? [options.runId]
    : (
        await db.dataSourceRun.findMany({
          where: claimableWhere(now),
          orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          take: 5,
          select: { id: true },
        })
      ).map((run) => run.id);

  for (const id of candidates) {
    const leaseToken = `${options.workerId ?? "worker"}:${randomBytes(12).toString("hex")}`;
    const { count } = await db.dataSourceRun.updateMany({
      where: { id, ...claimableWhere(now) },
      data: { status: "running", startedAt: now, leaseToken, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count !== 1) continue;
    const run = await db.dataSourceRun.findFirst({ where: { id, leaseToken } });
    if (!run) continue;
    if (run.attempts > 1) {
      console.warn(`Data source refresh: run ${run.id} taken over by ${options.workerId ?? "worker"} after its lease expired (claim ${run.attempts}).`);
    }
    return { ...run, leaseToken, leaseMs };
  }
  return null;
};

/**
 * Keeps the lease of a run alive while it executes; returns the function that stops it.
 * Renewing needs the run's current lease token, so a worker whose run was taken over
 * cannot take it back.
 */
export const keepLease = (db: Db, run: ClaimedRun): (() => void) => {
  const timer = setInterval(() => {
    db.dataSourceRun
      .updateMany({
        where: { id: run.id, leaseToken: run.leaseToken, status: "running" },
        data: { leaseUntil: new Date(Date.now() + run.leaseMs) },
      })
      .catch(() => undefined);
  }, run.leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
};
