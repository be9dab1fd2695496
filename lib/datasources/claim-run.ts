import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";

export const RUN_LEASE_MS = 60_000;

export type ClaimedRun = Awaited<ReturnType<Db["dataSourceRun"]["findFirstOrThrow"]>> & { leaseToken: string };

// Queued runs, and running ones whose worker stopped renewing the lease (it crashed).
const claimableWhere = (now: Date) => ({
  OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }],
});

/**
 * Takes one run for this worker. The conditional updateMany is the lock: on SQLite and
 * PostgreSQL alike only one worker's update matches a claimable row, and the winner reads
 * the run back by its own lease token. Spans tenants: the worker serves all of them.
 */
export const claimRun = async (
  db: Db,
  options: { runId?: string; workerId?: string; now?: Date } = {},
): Promise<ClaimedRun | null> => {
  const now = options.now ?? new Date();
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
      data: { status: "running", startedAt: now, leaseToken, leaseUntil: new Date(now.getTime() + RUN_LEASE_MS) },
    });
    if (count !== 1) continue;
    const run = await db.dataSourceRun.findFirst({ where: { id, leaseToken } });
    if (run) return run as ClaimedRun;
  }
  return null;
};

/** Keeps the lease of a run alive while it executes; returns the function that stops it. */
export const keepLease = (db: Db, runId: string, leaseToken: string): (() => void) => {
  const timer = setInterval(() => {
    db.dataSourceRun
      .updateMany({ where: { id: runId, leaseToken, status: "running" }, data: { leaseUntil: new Date(Date.now() + RUN_LEASE_MS) } })
      .catch(() => undefined);
  }, RUN_LEASE_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
};
