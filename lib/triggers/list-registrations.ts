import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import type { TListRegistrationsQuery, TTriggerRegistration } from "./schemas";
import { registrationWithSubjectColumns, subjectNameOf, toRegistrationDto } from "./to-registration-dto";

/** The instance's registrations, newest first, with the watched subject's name. Never the secret. */
export const listRegistrations = async (
  scope: InstanceScope & { callerId?: string },
  filter: TListRegistrationsQuery = {},
): Promise<TTriggerRegistration[]> => {
  const rows = await getDb().triggerRegistration.findMany({
    where: {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      ...(filter.origin ? { origin: filter.origin } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.owner === "me" ? { ownerId: scope.callerId ?? "" } : {}),
      ...(filter.createdSince ? { createdAt: { gte: new Date(filter.createdSince) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: registrationWithSubjectColumns,
  });
  return rows.map((row) => toRegistrationDto(row, subjectNameOf(row)));
};
