import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot } from "./registration-snapshot";
import { encryptSecret } from "../crypto/secret-box";
import { getDb } from "../db/client";
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

/**
 * Registers a trigger. The signing secret is returned here and nowhere else: it is stored
 * only as ciphertext. A secret the caller already holds (the wizard test-fires a draft with
 * a secret before saving it) is kept so the endpoint configured during the test stays valid.
 */
export const createRegistration = async (
  scope: InstanceScope & { ownerId: string },
  input: TCreateTriggerRegistration,
  audit: AuditContext,
  options: CreateRegistrationOptions = {},
): Promise<TCreatedTriggerRegistration> => {
  const subjectKind = subjectKindOf(input.type);
  const subjectColumns = subjectColumnsOf(subjectKind, input.parameters);
  const [subjectName] = await Promise.all([
    assertSubjectInScope(subjectKind, scope, subjectColumns),
    assertCallbackUrlAllowed(input.callbackUrl),
  ]);

  const signingSecret = input.signingSecret ?? generateSigningSecret();
  const row = await writeTransaction(getDb(), async (tx) => {
    const thresholdState = await startingThresholdState(tx, scope, input.type, input.parameters, subjectColumns);
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
        callbackUrl: input.callbackUrl,
        destinationType: input.destinationType,
        secretCiphertext: encryptSecret(signingSecret),
        origin: options.origin ?? "app",
        ownerId: scope.ownerId,
        status: "active",
        ...(thresholdState ? { thresholdState } : {}),
      },
      select: registrationColumns,
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
  }).catch((error: unknown) => {
    throw asSubjectNotInInstance(subjectKind, error);
  });
  return { registration: toRegistrationDto(row, subjectName), signingSecret };
};
