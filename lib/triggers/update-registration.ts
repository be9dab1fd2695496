import { notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot, registrationSnapshotColumns } from "../audit/snapshots";
import { getDb } from "../db/client";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import { asDataSourceNotInInstance, assertDataSourceInScope } from "./data-source-lookup";
import { getRegistration } from "./get-registration";
import type { InstanceScope } from "./instance-scope";
import type { TTriggerRegistration, TUpdateTriggerRegistration } from "./schemas";
import { writeTransaction } from "../db/write-transaction";

/**
 * Changes the name, parameters or destination. The type and the secret stay: a different
 * type is a different trigger, and the secret is rotated only by re-creating. The status is
 * left alone too; a disabled or gone registration comes back through resume.
 */
export const updateRegistration = async (
  scope: InstanceScope,
  registrationId: string,
  input: TUpdateTriggerRegistration,
  audit: AuditContext,
): Promise<TTriggerRegistration> => {
  // 404 before 422: a caller probing another instance's id learns nothing from validation.
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  const exists = await getDb().triggerRegistration.count({ where });
  if (exists === 0) throw notFound("triggerRegistration");

  await Promise.all([
    input.parameters ? assertDataSourceInScope(scope, input.parameters.dataSourceId) : undefined,
    input.callbackUrl !== undefined ? assertCallbackUrlAllowed(input.callbackUrl) : undefined,
  ]);

  await writeTransaction(getDb(), async (tx) => {
    const before = await tx.triggerRegistration.findFirst({ where, select: registrationSnapshotColumns });
    if (!before) throw notFound("triggerRegistration");
    const after = await tx.triggerRegistration.update({
      where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      data: {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.parameters
          ? { parameters: { dataSourceId: input.parameters.dataSourceId }, dataSourceId: input.parameters.dataSourceId }
          : {}),
        ...(input.callbackUrl !== undefined ? { callbackUrl: input.callbackUrl } : {}),
      },
      select: registrationSnapshotColumns,
    });
    const changes = diffChanges(registrationSnapshot(before), registrationSnapshot(after));
    // A save that changes nothing is not a change worth an entry.
    if (Object.keys(changes).length === 0) return;
    await recordAudit(tx, audit, {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      action: "triggerRegistration.updated",
      targetType: "triggerRegistration",
      targetId: registrationId,
      targetName: after.displayName,
      changes,
    });
  }).catch((error: unknown) => {
    throw asDataSourceNotInInstance(error);
  });
  return getRegistration(scope, registrationId);
};
