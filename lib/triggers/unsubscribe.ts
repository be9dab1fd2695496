import type { AuditContext } from "../audit/audit-context";
import { type Principal, hasRole } from "../auth/roles";
import { getDb } from "../db/client";
import { AppError } from "../errors/app-error";
import { deleteRegistration } from "./delete-registration";
import type { InstanceScope } from "./instance-scope";

/**
 * Power Automate's unsubscribe (the DELETE on the subscribe's Location). Repeatable: a
 * subscription already deleted, an id this instance does not have (another tenant's included:
 * the where carries the tenant) and a registration the app's wizard made (not a subscription)
 * all answer as deleted, changing nothing. Only its owner, or an Admin, may delete one.
 */
export const unsubscribe = async (scope: InstanceScope, subscriptionId: string, principal: Principal, audit: AuditContext): Promise<void> => {
  const where = { id: subscriptionId, tenantId: scope.tenantId, instanceId: scope.instanceId, origin: "powerAutomate" };
  const row = await getDb().triggerRegistration.findFirst({ where, select: { ownerId: true } });
  if (!row) return;
  if (row.ownerId !== principal.userId && !hasRole(principal, "Admin")) {
    throw new AppError("forbidden", "Only the subscription's owner or an Admin may delete it.", { reason: "not_owner" });
  }
  try {
    await deleteRegistration(scope, subscriptionId, audit);
  } catch (error) {
    // Deleted by a concurrent DELETE between the read and the delete: the same outcome.
    if (error instanceof AppError && error.code === "not_found") return;
    throw error;
  }
};
