import { notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { dataSourceSnapshot } from "../audit/snapshots";
import { getDb } from "../db/client";
import type { DataSourceScope } from "./scope";
import { writeTransaction } from "../db/write-transaction";

/**
 * Deletes a data source with its uploads, runs and rows. A refresh running at that moment
 * cannot write its result afterwards: its run row is gone, so its final transaction aborts.
 */
export const deleteDataSource = async (scope: DataSourceScope, dataSourceId: string, audit: AuditContext): Promise<void> => {
  const where = { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  await writeTransaction(getDb(), async (tx) => {
    const before = await tx.dataSource.findFirst({
      where,
      select: { name: true, kind: true, location: true, requiredColumns: true },
    });
    if (!before) throw notFound("dataSource");
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
};
