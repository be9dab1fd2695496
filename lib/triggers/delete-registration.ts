import { notFound } from "../api/errors";
import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";

/** Removes the registration; its deliveries and their attempts go with it (foreign-key cascade). */
export const deleteRegistration = async (scope: InstanceScope, registrationId: string): Promise<void> => {
  const { count } = await getDb().triggerRegistration.deleteMany({
    where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
  });
  if (count === 0) throw notFound("Trigger registration");
};
