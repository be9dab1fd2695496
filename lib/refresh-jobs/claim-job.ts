import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";

// The same lease and takeover rules as data source refreshes and unification runs
// (lib/datasources/claim-run.ts): a job whose worker stopped renewing its lease is taken over.
export { MAX_RUN_ATTEMPTS as MAX_JOB_ATTEMPTS, RUN_LEASE_MS as JOB_LEASE_MS } from "../datasources/claim-run";
import { RUN_LEASE_MS } from "../datasources/claim-run";

export type ClaimedRefreshJob = Awaited<ReturnType<Db["refreshJob"]["findFirstOrThrow"]>> & { leaseToken: string; leaseMs: number };

// Queued jobs, and running ones whose worker stopped renewing the lease (it crashed).
const claimableWhere = (now: Date) => ({
  OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }],
});

/**
 * Takes one job for this worker: the conditional updateMany is the lock (only one worker's update
 * matches a claimable row) and the winner reads the job back by its own lease token. A new token
 * means the worker whose lease expired can no longer write the job or its tasks. A taken-over job
 * keeps its first startedAt. Spans tenants: the worker serves all of them.
 */
export const claimRefreshJob = async (
  db: Db,
  options: { jobId?: string; workerId?: string; now?: Date; leaseMs?: number } = {},
): Promise<ClaimedRefreshJob | null> => {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const candidates = options.jobId
    ? [options.jobId]
    : (
        await db.refreshJob.findMany({
          where: claimableWhere(now),
          orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          take: 5,
          select: { id: true },
        })
      ).map((job) => job.id);

  for (const id of candidates) {
    const leaseToken = `${options.workerId ?? "worker"}:${randomBytes(12).toString("hex")}`;
    const { count } = await db.refreshJob.updateMany({
      where: { id, ...claimableWhere(now) },
      data: { status: "running", leaseToken, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count !== 1) continue;
    // The first claim starts the job; a takeover keeps that start.
    await db.refreshJob.updateMany({ where: { id, leaseToken, startedAt: null }, data: { startedAt: now } });
    const job = await db.refreshJob.findFirst({ where: { id, leaseToken } });
    if (!job) continue;
    if (job.attempts > 1) {
      console.warn(`Full refresh: job ${job.id} taken over by ${options.workerId ?? "worker"} after its lease expired (claim ${job.attempts}).`);
    }
    return { ...job, leaseToken, leaseMs };
  }
  return null;
};
