import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import type { TTriggerRegistration } from "./schemas";
import { registrationWithDataSourceColumns, toRegistrationDto } from "./to-registration-dto";

/** The instance's registrations, newest first, with the watched data source's name. Never the secret. */
export const listRegistrations = async (scope: InstanceScope): Promise<TTriggerRegistration[]> => {
  const rows = await getDb().triggerRegistration.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: registrationWithDataSourceColumns,
  });
  return rows.map((row) => toRegistrationDto(row, row.dataSource?.name ?? null));
};
