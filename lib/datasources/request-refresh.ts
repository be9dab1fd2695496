import { AppError, notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { type Db, getDb } from "../db/client";
import { signalRefreshRequested } from "./refresh-signal";
import type { TDataSourceRun } from "./schemas";
import type { DataSourceScope } from "./scope";
import { toRunDto } from "./to-dto";
import { writeTransaction } from "../db/write-transaction";

const prismaCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Queues a refresh of one data source and returns its run. When a run of that source is
 * already queued or running, that run is returned instead: the unique activeKey makes the
 * database refuse a second one, even when two requests race.
 *
 * A person's request (audit given) records dataSource.refreshRequested with the queued run,
 * in the run's transaction; a request that joins an active run changes nothing and records
 * nothing. Refreshes the system starts (seed, schedule) pass no audit context.
 */
export const requestRefresh = async (
  scope: DataSourceScope,
  dataSourceId: string,
  submissionKind: "onDemand" | "scheduled" = "onDemand",
  db: Db = getDb(),
  audit: AuditContext | null = null,
): Promise<TDataSourceRun> => {
  const { tenantId, instanceId } = scope;
  const source = await db.dataSource.findFirst({ where: { id: dataSourceId, tenantId, instanceId }, select: { id: true, name: true } });
  if (!source) throw notFound("dataSource");

  for (let attempt = 0; attempt < 3; attempt++) {
    const active = await db.dataSourceRun.findFirst({ where: { tenantId, instanceId, dataSourceId, activeKey: dataSourceId } });
    if (active) return toRunDto(active);
    try {
      const run = await writeTransaction(db, async (tx) => {
        const queued = await tx.dataSourceRun.create({
          data: { tenantId, instanceId, dataSourceId, status: "queued", submissionKind, activeKey: dataSourceId },
        });
        if (audit) {
          await recordAudit(tx, audit, {
            tenantId,
            instanceId,
            action: "dataSource.refreshRequested",
            targetType: "dataSource",
            targetId: dataSourceId,
            targetName: source.name,
            changes: { run: { after: { id: queued.id, status: queued.status, submissionKind } } },
          });
        }
        return queued;
      });
      signalRefreshRequested();
      return toRunDto(run);
    } catch (error) {
      // P2002: another request queued one first (read it on the next turn); P2003: the source is gone.
      if (prismaCode(error) === "P2003") throw notFound("dataSource");
      if (prismaCode(error) !== "P2002") throw error;
    }
  }
  throw new AppError("conflict", "A refresh of this data source is being queued right now. Try again in a moment.", {
    reason: "refresh_queuing",
  });
};
