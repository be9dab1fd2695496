import { notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { deletedChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot, registrationSnapshotColumns } from "./registration-snapshot";
import { getDb } from "../db/client";
import type { InstanceScope } from "./instance-scope";
import { writeTransaction } from "../db/write-transaction";

/** Removes the registration; its deliveries and their attempts go with it (foreign-key cascade). */
export const deleteRegistration = async (scope: InstanceScope, registrationId: string, audit: AuditContext): Promise<void> => {
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  await writeTransaction(getDb(), async (tx) => {
    const before = await tx.triggerRegistration.findFirst({ where, select: registrationSnapshotColumns });
    if (!before) throw notFound("triggerRegistration");
    // Counted, not assumed: a concurrent delete of the same id must not log two deletions.
    const { count } = await tx.triggerRegistration.deleteMany({ where });
    if (count === 0) throw notFound("triggerRegistration");
    await recordAudit(tx, audit, {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      action: "triggerRegistration.deleted",
      targetType: "triggerRegistration",
      targetId: registrationId,
      targetName: before.displayName,
      changes: deletedChanges(registrationSnapshot(before)),
    });
  });
};
