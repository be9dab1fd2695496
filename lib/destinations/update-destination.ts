import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto/secret-box";
import { generateSigningSecret } from "../crypto/signing-secret";
import { getDb } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { writeTransaction } from "../db/write-transaction";
import { notFound } from "../errors/app-error";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import type { DestinationScope } from "./scope";
import { destinationNameTaken } from "./create-destination";
import { destinationSnapshot, destinationSnapshotColumns } from "./destination-snapshot";
import type { TUpdateDestination, TUpdatedDestination } from "./schemas";
import { destinationColumns, toDestinationDto } from "./to-destination-dto";

/**
 * Changes a destination's name, endpoint (checked like a new one) or who may use it, or rotates
 * its secret: the new one is answered this once, and every trigger on it signs with it from the
 * next delivery on. Its type never changes (its triggers copied it).
 */
export const updateDestination = async (
  scope: DestinationScope,
  destinationId: string,
  input: TUpdateDestination,
  audit: AuditContext,
): Promise<TUpdatedDestination> => {
  const where = { id: destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  // 404 before 422: a caller probing another instance's id learns nothing from the URL check.
  const exists = await getDb().destination.findFirst({ where, select: { id: true } });
  if (!exists) throw notFound("destination");
  if (input.endpoint !== undefined) await assertCallbackUrlAllowed(input.endpoint);
  const signingSecret = input.rotateSecret ? generateSigningSecret() : undefined;

  const row = await writeTransaction(getDb(), async (tx) => {
    const before = await tx.destination.findFirst({ where, select: destinationSnapshotColumns });
    if (!before) throw notFound("destination");
    if (input.displayName !== undefined && input.displayName !== before.displayName) {
      const clash = await tx.destination.findFirst({
        where: { tenantId: scope.tenantId, instanceId: scope.instanceId, displayName: input.displayName },
        select: { id: true },
      });
      if (clash) throw destinationNameTaken(input.displayName);
    }
    const after = await tx.destination.update({
      where,
      data: {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
        ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
        ...(signingSecret ? { secretCiphertext: encryptSecret(signingSecret) } : {}),
      },
      select: destinationColumns,
    });
    const changes = diffChanges(destinationSnapshot(before), destinationSnapshot(after));
    // The secret itself is never logged; that it changed is.
    if (signingSecret) changes.signingSecret = { before: null, after: "rotated" };
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "destination.updated",
        targetType: "destination",
        targetId: destinationId,
        targetName: after.displayName,
        changes,
      });
    }
    return after;
  }).catch((error: unknown) => {
    throw isUniqueViolation(error) && input.displayName ? destinationNameTaken(input.displayName) : error;
  });
  return { destination: toDestinationDto(row), ...(signingSecret ? { signingSecret } : {}) };
};
