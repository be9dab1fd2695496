import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { type Db, getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import { signalRefreshJobRequested } from "./job-signal";
import { planTasks } from "./plan-tasks";
import type { TRefreshJob, TSubmissionKind } from "./schemas";
import type { RefreshJobScope } from "./scope";
import { jobWithTasks, toRefreshJobDto } from "./to-job-dto";

const prismaCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

export type FullRefreshRequest = {
  submissionKind?: TSubmissionKind;
  /** A scheduled job's due time: at most one job per instance and due time. */
  scheduledFor?: Date | null;
  /** A person's request; the scheduler passes none. */
  audit?: AuditContext | null;
  db?: Db;
};

/**
 * Queues a full refresh of the instance (its job and every task, in one write transaction) and
 * returns it. While a job of the instance is queued or running, that job is returned instead
 * (`queued: false`): the unique activeKey makes the database refuse a second one, even when two
 * requests race. A scheduled request for a due time that already has its job (another scheduler
 * inserted it first: the unique instance and scheduledFor) returns that job. A person's request
 * records fullRefresh.requested in the job's transaction; joining an active job records nothing.
 */
export const requestFullRefresh = async (
  scope: RefreshJobScope & { instanceName: string },
  { submissionKind = "onDemand", scheduledFor = null, audit = null, db = getDb() }: FullRefreshRequest = {},
): Promise<{ job: TRefreshJob; queued: boolean }> => {
  const { tenantId, instanceId } = scope;
  const where = { tenantId, instanceId };
  for (let attempt = 0; attempt < 3; attempt++) {
    const active = await db.refreshJob.findFirst({ where: { ...where, activeKey: instanceId }, include: jobWithTasks });
    if (active) return { job: toRefreshJobDto(active), queued: false };
    try {
      const job = await writeTransaction(db, async (tx) => {
        const tasks = await planTasks(tx, scope, scope.instanceName);
        const queued = await tx.refreshJob.create({
          data: {
            ...where,
            status: "queued",
            submissionKind,
            scheduledFor,
            requestedById: audit?.actorId ?? null,
            activeKey: instanceId,
            tasks: {
              create: tasks.map((task, position) => ({
                ...where,
                position,
                kind: task.kind,
                subjectId: task.subjectId,
                subjectName: task.subjectName,
                status: task.status,
                result: task.result ?? undefined,
              })),
            },
          },
          include: jobWithTasks,
        });
        if (audit) {
          await recordAudit(tx, audit, {
            ...where,
            action: "fullRefresh.requested",
            targetType: "fullRefresh",
            targetId: instanceId,
            targetName: scope.instanceName,
            changes: { job: { after: { id: queued.id, status: queued.status, submissionKind, tasks: tasks.length } } },
          });
        }
        return queued;
      });
      signalRefreshJobRequested();
      return { job: toRefreshJobDto(job), queued: true };
    } catch (error) {
      // P2002: another request queued one first, or another scheduler this due time (read it on the
      // next turn, or here); P2003: the instance is gone.
      if (prismaCode(error) === "P2003") throw notFound("instance");
      if (prismaCode(error) !== "P2002") throw error;
      if (scheduledFor) {
        const same = await db.refreshJob.findFirst({ where: { ...where, scheduledFor }, include: jobWithTasks });
        if (same) return { job: toRefreshJobDto(same), queued: false };
      }
    }
  }
  throw new AppError("conflict", "A full refresh of this instance is being queued right now. Try again in a moment.", {
    reason: "refresh_job_queuing",
  });
};
