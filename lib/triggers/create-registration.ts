import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "../auth/roles";
import { registrationSnapshot } from "./registration-snapshot";
import { encryptSecret } from "../crypto/secret-box";
import { type DbTransaction, getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { freeDestinationName, insertDestination } from "../destinations/create-destination";
import { destinationNotAvailable, usableDestination } from "../destinations/usable-destination";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import { generateSigningSecret } from "../crypto/signing-secret";
import { newId } from "../ids/new-id";
import type { InstanceScope } from "./instance-scope";
import type { TCreateTriggerRegistration, TCreatedTriggerRegistration } from "./schemas";
import { asSubjectNotInInstance, assertSubjectInScope } from "./subject-lookup";
import { startingThresholdState } from "./thresholds/registration-state";
import { registrationColumns, toRegistrationDto } from "./to-registration-dto";
import { submissionKindColumnOf } from "./types/refresh-full-completed";
import { subjectColumnsOf } from "./types/subjects";
import { subjectKindOf } from "./types/vocabulary";
import { writeTransaction } from "../db/write-transaction";

export type CreateRegistrationOptions = {
  /** "powerAutomate" when the connector subscribes; the app's own wizard creates "app" ones. */
  origin?: "app" | "powerAutomate";
};

type Scope = InstanceScope & {
  ownerId: string;
  /** Decides which destinations the caller may use (Admins: any; else those shared with everyone). Absent: as a non-Admin. */
  role?: Role;
};

/**
 * Where the registration sends, written in its transaction:
 * - `destinationId`: that destination (one the caller may use), its type copied;
 * - a callback URL from the app: a new destination holding it, Admins-only and owned by the caller,
 *   so every trigger set up in the app has one and the destinations list shows where events go;
 * - a callback URL from the Power Automate connector: the registration's own (it belongs to one flow).
 */
const endpointColumns = async (
  tx: DbTransaction,
  scope: Scope,
  input: TCreateTriggerRegistration,
  origin: "app" | "powerAutomate",
  signingSecret: string,
  audit: AuditContext,
) => {
  if (input.destinationId !== undefined) {
    const destination = await usableDestination(tx, { ...scope, role: scope.role ?? "Viewer" }, input.destinationId);
    return { destinationId: destination.id, destinationType: destination.type, callbackUrl: null, secretCiphertext: null };
  }
  const callbackUrl = input.callbackUrl!;
  if (origin === "powerAutomate") {
    return { destinationId: null, destinationType: input.destinationType, callbackUrl, secretCiphertext: encryptSecret(signingSecret) };
  }
  const destination = await insertDestination(
    tx,
    scope,
    {
      displayName: await freeDestinationName(tx, scope, input.displayName),
      type: input.destinationType,
      endpoint: callbackUrl,
      visibility: "admins",
      secretCiphertext: encryptSecret(signingSecret),
    },
    audit,
  );
  return { destinationId: destination.id, destinationType: destination.type, callbackUrl: null, secretCiphertext: null };
};

/**
 * Registers a trigger. The signing secret is returned here and nowhere else: it is stored
 * only as ciphertext. A secret the caller already holds (the wizard test-fires a draft with
 * a secret before saving it) is kept so the endpoint configured during the test stays valid.
 * On an existing destination no secret is returned: it is the destination's, its Admins'.
 */
export const createRegistration = async (
  scope: Scope,
  input: TCreateTriggerRegistration,
  audit: AuditContext,
  options: CreateRegistrationOptions = {},
): Promise<TCreatedTriggerRegistration> => {
  const origin = options.origin ?? "app";
  const subjectKind = subjectKindOf(input.type);
  const subjectColumns = subjectColumnsOf(subjectKind, input.parameters);
  const [subjectName] = await Promise.all([
    assertSubjectInScope(subjectKind, scope, subjectColumns),
    input.callbackUrl !== undefined ? assertCallbackUrlAllowed(input.callbackUrl) : undefined,
  ]);

  const signingSecret = input.signingSecret ?? generateSigningSecret();
  const row = await writeTransaction(getDb(), async (tx) => {
    const thresholdState = await startingThresholdState(tx, scope, input.type, input.parameters, subjectColumns);
    const endpoint = await endpointColumns(tx, scope, input, origin, signingSecret, audit);
    const created = await tx.triggerRegistration.create({
      data: {
        id: newId("trg"),
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        displayName: input.displayName,
        type: input.type,
        parameters: input.parameters,
        ...subjectColumns,
        submissionKind: submissionKindColumnOf(input.parameters),
        ...endpoint,
        origin,
        ownerId: scope.ownerId,
        status: "active",
        ...(thresholdState ? { thresholdState } : {}),
      },
      select: { ...registrationColumns, destinationId: true },
    });
    await recordAudit(tx, audit, {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      action: "triggerRegistration.created",
      targetType: "triggerRegistration",
      targetId: created.id,
      targetName: created.displayName,
      changes: createdChanges(registrationSnapshot(created)),
    });
    return created;
  }).catch(async (error: unknown) => {
    // PostgreSQL: the destination was removed between the check and the commit.
    if (input.destinationId !== undefined && isForeignKeyViolation(error)) {
      const still = await getDb().destination.count({ where: { id: input.destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId } });
      if (still === 0) throw destinationNotAvailable();
    }
    throw asSubjectNotInInstance(subjectKind, error);
  });
  return {
    registration: toRegistrationDto(row, subjectName),
    ...(input.destinationId === undefined ? { signingSecret } : {}),
  };
};
