import { notFound } from "../errors/app-error";
import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import type { TTriggerRegistration } from "./schemas";
import { registrationWithSubjectColumns, subjectNameOf, toRegistrationDto } from "./to-registration-dto";

/** One registration of the instance; another instance's or tenant's id answers 404. */
export const getRegistration = async (scope: InstanceScope, registrationId: string): Promise<TTriggerRegistration> => {
  const row = await getDb().triggerRegistration.findFirst({
    where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: registrationWithSubjectColumns,
  });
  if (!row) throw notFound("triggerRegistration");
  return toRegistrationDto(row, subjectNameOf(row));
};
