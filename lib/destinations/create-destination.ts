import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto/secret-box";
import { generateSigningSecret } from "../crypto/signing-secret";
import { type DbTransaction, getDb } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError } from "../errors/app-error";
import { newId } from "../ids/new-id";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import type { DestinationScope } from "./scope";
import { destinationSnapshot } from "./destination-snapshot";
import type { TCreateDestination, TCreatedDestination } from "./schemas";
import { destinationColumns, toDestinationDto } from "./to-destination-dto";

export const destinationNameTaken = (name: string) =>
  new AppError("conflict", `A destination named "${name}" already exists in this instance. Choose another name.`, {
    reason: "destination_name_taken",
    name,
  });

/** A name free in the instance: the wanted one, else it with " (2)", " (3)", … (a trigger's endpoint made into a destination). */
export const freeDestinationName = async (tx: DbTransaction, scope: DestinationScope, wanted: string): Promise<string> => {
  const taken = new Set(
    (
      await tx.destination.findMany({
        where: { tenantId: scope.tenantId, instanceId: scope.instanceId, displayName: { startsWith: wanted } },
        select: { displayName: true },
      })
    ).map((row) => row.displayName),
  );
  for (let n = 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted} (${n})`;
    if (!taken.has(name)) return name;
  }
};

/** The secret as ciphertext: a trigger moving to an endpoint of its own keeps signing with the same one. */
type NewDestination = Omit<TCreateDestination, "signingSecret"> & { secretCiphertext: string };

/**
 * Writes a destination and its audit entry in the caller's transaction (the endpoint already
 * checked). Also used when a trigger is saved with an endpoint of its own (create-registration).
 */
export const insertDestination = async (tx: DbTransaction, scope: DestinationScope & { ownerId: string }, input: NewDestination, audit: AuditContext) => {
  const row = await tx.destination.create({
    data: {
      id: newId("dst"),
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      displayName: input.displayName,
      type: input.type,
      endpoint: input.endpoint,
      secretCiphertext: input.secretCiphertext,
      visibility: input.visibility,
      ownerId: scope.ownerId,
    },
    select: destinationColumns,
  });
  await recordAudit(tx, audit, {
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    action: "destination.created",
    targetType: "destination",
    targetId: row.id,
    targetName: row.displayName,
    changes: createdChanges(destinationSnapshot(row)),
  });
  return row;
};

/** Adds a destination. Its signing secret is answered here and nowhere else (stored as ciphertext only). */
export const createDestination = async (
  scope: DestinationScope & { ownerId: string },
  input: TCreateDestination,
  audit: AuditContext,
): Promise<TCreatedDestination> => {
  await assertCallbackUrlAllowed(input.endpoint);
  const signingSecret = input.signingSecret ?? generateSigningSecret();
  const row = await writeTransaction(getDb(), async (tx) => {
    const clash = await tx.destination.findFirst({
      where: { tenantId: scope.tenantId, instanceId: scope.instanceId, displayName: input.displayName },
      select: { id: true },
    });
    if (clash) throw destinationNameTaken(input.displayName);
    const { signingSecret: _, ...fields } = input;
    return insertDestination(tx, scope, { ...fields, secretCiphertext: encryptSecret(signingSecret) }, audit);
  }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? destinationNameTaken(input.displayName) : error;
  });
  return { destination: toDestinationDto(row), signingSecret };
};
