import { notFound } from "../errors/app-error";
import { getDb } from "../db/client";
import type { TDataSourceRun } from "./schemas";
import type { DataSourceScope } from "./scope";
import { toRunDto } from "./to-dto";

/** A data source's refresh history, newest first. */
export const listRuns = async (scope: DataSourceScope, dataSourceId: string, limit = 50): Promise<TDataSourceRun[]> => {
  const db = getDb();
  const source = await db.dataSource.findFirst({
    where: { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { id: true },
  });
  if (!source) throw notFound("dataSource");
  const runs = await db.dataSourceRun.findMany({
    where: { dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return runs.map(toRunDto);
};
