import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { type Db, getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { AppError, notFound } from "../errors/app-error";
import { signalUnificationRequested } from "./run/run-signal";
import { queuedStages, toUnificationRunDto } from "./run/to-run-dto";
import type { TUnificationRun } from "./schemas";
import type { UnificationScope } from "./scope";

const prismaCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Queues a unification run of the instance and returns it. While a run of the instance is
 * queued or running, that run is returned instead: the unique activeKey makes the database
 * refuse a second one, even when two requests race. A person's request (audit given) records
 * unification.runRequested in the run's transaction; joining an active run records nothing.
 */
export const requestUnificationRun = async (
  scope: UnificationScope & { instanceName: string },
  submissionKind: "onDemand" | "scheduled" = "onDemand",
  audit: AuditContext | null = null,
  db: Db = getDb(),
): Promise<{ run: TUnificationRun; queued: boolean }> => {
  const { tenantId, instanceId } = scope;
  for (let attempt = 0; attempt < 3; attempt++) {
    const active = await db.unificationRun.findFirst({ where: { tenantId, instanceId, activeKey: instanceId } });
    if (active) return { run: toUnificationRunDto(active), queued: false };
    try {
      const run = await writeTransaction(db, async (tx) => {
        const queued = await tx.unificationRun.create({
          data: { tenantId, instanceId, status: "queued", submissionKind, activeKey: instanceId, stages: queuedStages() },
        });
        if (audit) {
          await recordAudit(tx, audit, {
            tenantId,
            instanceId,
            action: "unification.runRequested",
            targetType: "unification",
            targetId: instanceId,
            targetName: scope.instanceName,
            changes: { run: { after: { id: queued.id, status: queued.status, submissionKind } } },
          });
        }
        return queued;
      });
      signalUnificationRequested();
      return { run: toUnificationRunDto(run), queued: true };
    } catch (error) {
      // P2002: another request queued one first (read it on the next turn); P2003: the instance is gone.
      if (prismaCode(error) === "P2003") throw notFound("instance");
      if (prismaCode(error) !== "P2002") throw error;
    }
  }
  throw new AppError("conflict", "A unification run of this instance is being queued right now. Try again in a moment.", {
    reason: "unification_queuing",
  });
};
