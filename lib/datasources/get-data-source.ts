import { notFound } from "../errors/app-error";
import { getDb } from "../db/client";
import type { TDataSource } from "./schemas";
import type { DataSourceScope } from "./scope";
import { dataSourceDtoInclude, toDataSourceDto } from "./to-dto";

export const getDataSource = async (scope: DataSourceScope, dataSourceId: string): Promise<TDataSource> => {
  const source = await getDb().dataSource.findFirst({
    where: { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    include: dataSourceDtoInclude,
  });
  if (!source) throw notFound("dataSource");
  return toDataSourceDto(source, source.uploads[0], source.runs[0]);
};
