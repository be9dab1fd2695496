import { notFound } from "../errors/app-error";
import { getDb } from "../db/client";
import type { TDataSourceRun } from "./schemas";
import type { DataSourceScope } from "./scope";
import { toRunDto } from "./to-dto";

/** One refresh run of a data source: what a client polls after StartDataSourceRefresh. */
export const getDataSourceRun = async (scope: DataSourceScope, dataSourceId: string, runId: string): Promise<TDataSourceRun> => {
  const run = await getDb().dataSourceRun.findFirst({
    where: { id: runId, dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
  });
  if (!run) throw notFound("dataSourceRun");
  return toRunDto(run);
};
