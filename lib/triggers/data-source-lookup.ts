import { AppError } from "../errors/app-error";
import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";

/**
 * A trigger may only watch a data source of its own instance. The answer is a 422 on the
 * parameter (not a 404): the registration is what the request is about, the id is input.
 */
export const dataSourceNotInInstance = () => {
  const message = "The data source was not found in this instance.";
  return new AppError("validation_failed", message, {
    reason: "data_source_not_in_instance",
    issues: [{ path: "parameters.dataSourceId", message }],
  });
};

export const assertDataSourceInScope = async (scope: InstanceScope, dataSourceId: string | null): Promise<string | null> => {
  if (dataSourceId === null) return null;
  const found = await getDb().dataSource.findFirst({
    where: { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { name: true },
  });
  if (!found) throw dataSourceNotInInstance();
  return found.name;
};
