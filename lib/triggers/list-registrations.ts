import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import type { TTriggerRegistration } from "./schemas";
import { registrationWithSubjectColumns, subjectNameOf, toRegistrationDto } from "./to-registration-dto";

/** The instance's registrations, newest first, with the watched subject's name. Never the secret. */
export const listRegistrations = async (scope: InstanceScope): Promise<TTriggerRegistration[]> => {
  const rows = await getDb().triggerRegistration.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: registrationWithSubjectColumns,
  });
  return rows.map((row) => toRegistrationDto(row, subjectNameOf(row)));
};
