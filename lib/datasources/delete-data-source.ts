import { notFound } from "../api/errors";
import { getDb } from "../db/client";
import type { DataSourceScope } from "./scope";

/**
 * Deletes a data source with its uploads, runs and rows. A refresh running at that moment
 * cannot write its result afterwards: its run row is gone, so its final transaction aborts.
 */
export const deleteDataSource = async (scope: DataSourceScope, dataSourceId: string): Promise<void> => {
  const { count } = await getDb().dataSource.deleteMany({
    where: { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
  });
  if (count === 0) throw notFound("Data source");
};
