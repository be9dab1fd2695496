import type { Role } from "../auth/roles";
import type { DbTransaction } from "../db/client";
import { AppError } from "../errors/app-error";
import type { DestinationScope } from "./scope";
import { visibleTo } from "./destination-scope";

export const destinationNotAvailable = () => {
  const message = "The destination was not found in this instance, or is not shared with you.";
  return new AppError("validation_failed", message, { reason: "destination_not_available", issues: [{ path: "destinationId", message }] });
};

/**
 * A destination of the instance the caller may set up triggers on (Admins: any; others: those
 * shared with everyone), else 422 on `destinationId`. Read in the caller's transaction; the
 * foreign key keeps it from being deleted before that commits.
 */
export const usableDestination = async (tx: Pick<DbTransaction, "destination">, scope: DestinationScope & { role: Role }, destinationId: string) => {
  const found = await tx.destination.findFirst({
    where: { id: destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId, ...visibleTo(scope) },
    select: { id: true, displayName: true, type: true },
  });
  if (!found) throw destinationNotAvailable();
  return found;
};
