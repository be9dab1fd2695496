import { AppError, notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { dataSourceSnapshot } from "../audit/snapshots";
import { getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import type { DataSourceScope } from "./scope";
import { writeTransaction } from "../db/write-transaction";

type WatchingTrigger = { id: string; displayName: string };

const dataSourceInUse = (name: string, triggers: WatchingTrigger[]) =>
  new AppError(
    "conflict",
    `The data source "${name}" is used by ${triggers.length} trigger(s); delete them or point them at another data source first.`,
    { reason: "data_source_in_use", name, triggers },
  );

const watchingTriggers = (db: Pick<ReturnType<typeof getDb>, "triggerRegistration">, scope: DataSourceScope, dataSourceId: string) =>
  db.triggerRegistration.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, dataSourceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true },
  });

/**
 * Deletes a data source with its uploads, runs and rows. A refresh running at that moment
 * cannot write its result afterwards: its run row is gone, so its final transaction aborts.
 * One that triggers watch is kept (409 naming them): deleting it would leave them watching
 * nothing. The foreign key holds that rule against a trigger saved at the same moment.
 */
export const deleteDataSource = async (scope: DataSourceScope, dataSourceId: string, audit: AuditContext): Promise<void> => {
  const where = { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  let name = "";
  try {
    await writeTransaction(getDb(), async (tx) => {
      const before = await tx.dataSource.findFirst({
        where,
        select: { name: true, kind: true, location: true, requiredColumns: true },
      });
      if (!before) throw notFound("dataSource");
      name = before.name;
      const triggers = await watchingTriggers(tx, scope, dataSourceId);
      if (triggers.length > 0) throw dataSourceInUse(before.name, triggers);
      const { count } = await tx.dataSource.deleteMany({ where });
      if (count === 0) throw notFound("dataSource");
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "dataSource.deleted",
        targetType: "dataSource",
        targetId: dataSourceId,
        targetName: before.name,
        changes: deletedChanges(dataSourceSnapshot(before)),
      });
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    // PostgreSQL: a trigger saved after the check committed first (its key lock made the delete
    // wait); the transaction is aborted, so the triggers are read again outside it.
    const triggers = await watchingTriggers(getDb(), scope, dataSourceId);
    if (triggers.length > 0) throw dataSourceInUse(name, triggers);
    throw new AppError("conflict", "The data source changed while it was being deleted. Try again.");
  }
};
