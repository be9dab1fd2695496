import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { type Db, getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import { signalRefreshJobRequested } from "./job-signal";
import type { TRefreshJob } from "./schemas";
import type { RefreshJobScope } from "./scope";
import { jobWithTasks, toRefreshJobDto } from "./to-job-dto";

/**
 * Asks a queued or running job to stop: its runner finishes the task in hand (a data source
 * refresh or unification run already started is not interrupted), then skips the rest and ends
 * the job `cancelled`. Asking again changes nothing; a job that already ended answers 409
 * `refresh_job_finished`. The worker ends the job, so the answer is the job as it is now.
 */
export const cancelRefreshJob = async (
  scope: RefreshJobScope & { instanceName: string },
  jobId: string,
  audit: AuditContext | null = null,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<TRefreshJob> => {
  const where = { id: jobId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  const job = await writeTransaction(db, async (tx) => {
    const stored = await tx.refreshJob.findFirst({ where, select: { status: true, cancelRequestedAt: true } });
    if (!stored) throw notFound("refreshJob");
    if (stored.status !== "queued" && stored.status !== "running") {
      throw new AppError("conflict", `This full refresh has already ended (${stored.status}): there is nothing to cancel.`, {
        reason: "refresh_job_finished",
        status: stored.status,
      });
    }
    if (!stored.cancelRequestedAt) {
      // Conditional on the job still being active: a worker that ended it in between wins.
      const { count } = await tx.refreshJob.updateMany({ where: { ...where, status: { in: ["queued", "running"] } }, data: { cancelRequestedAt: now } });
      if (count === 1 && audit) {
        await recordAudit(tx, audit, {
          tenantId: scope.tenantId,
          instanceId: scope.instanceId,
          action: "fullRefresh.cancelRequested",
          targetType: "fullRefresh",
          targetId: scope.instanceId,
          targetName: scope.instanceName,
          changes: { job: { before: { id: jobId, status: stored.status }, after: { id: jobId, status: stored.status, cancelRequested: true } } },
        });
      }
    }
    return tx.refreshJob.findFirstOrThrow({ where, include: jobWithTasks });
  });
  // A queued job is cancelled by the worker that claims it; wake this process's loop to do it now.
  signalRefreshJobRequested();
  return toRefreshJobDto(job);
};
