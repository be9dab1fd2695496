import { getDb } from "../db/client";
import type { TDataSource } from "./schemas";
import type { DataSourceScope } from "./scope";
import { dataSourceDtoInclude, toDataSourceDto } from "./to-dto";

/** The instance's data sources by name, each with its latest upload and last run. */
export const listDataSources = async (scope: DataSourceScope): Promise<TDataSource[]> => {
  const sources = await getDb().dataSource.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: dataSourceDtoInclude,
  });
  return sources.map((source) => toDataSourceDto(source, source.uploads[0], source.runs[0]));
};
