import { notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot, registrationSnapshotColumns } from "./registration-snapshot";
import { type DbTransaction, getDb } from "../db/client";
import { freeDestinationName, insertDestination } from "../destinations/create-destination";
import { toDestinationType } from "../destinations/to-destination-dto";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import { getRegistration } from "./get-registration";
import type { InstanceScope } from "./instance-scope";
import { parseParameters } from "./parse-parameters";
import { type TTriggerRegistration, type TUpdateTriggerRegistration, ZTriggerType } from "./schemas";
import { asSubjectNotInInstance, assertSubjectInScope } from "./subject-lookup";
import { isThresholdType, sameThresholdWatch, startingThresholdState } from "./thresholds/registration-state";
import { submissionKindColumnOf } from "./types/refresh-full-completed";
import { subjectColumnsOf } from "./types/subjects";
import { subjectKindOf } from "./types/vocabulary";
import { writeTransaction } from "../db/write-transaction";

/**
 * A new endpoint for a registration. One with an endpoint of its own (a Power Automate
 * subscription) just changes it. One on a destination leaves that destination alone (other
 * triggers may share it, and it is its Admins' to change): it moves to a new Admins-only
 * destination holding the new endpoint and the SAME secret, so its receiver keeps verifying.
 */
const newEndpoint = async (
  tx: DbTransaction,
  scope: InstanceScope,
  registrationId: string,
  before: { displayName: string; destinationId: string | null },
  callbackUrl: string,
  audit: AuditContext,
) => {
  if (before.destinationId === null) return { callbackUrl };
  const [current, registration] = await Promise.all([
    tx.destination.findFirstOrThrow({
      where: { id: before.destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      select: { type: true, secretCiphertext: true },
    }),
    tx.triggerRegistration.findFirstOrThrow({
      where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      select: { ownerId: true },
    }),
  ]);
  const destination = await insertDestination(
    tx,
    { ...scope, ownerId: registration.ownerId },
    {
      displayName: await freeDestinationName(tx, scope, before.displayName),
      type: toDestinationType(current.type),
      endpoint: callbackUrl,
      visibility: "admins",
      secretCiphertext: current.secretCiphertext,
    },
    audit,
  );
  return { destinationId: destination.id };
};

/**
 * Changes the name, parameters or destination. The type and the secret stay: a different
 * type is a different trigger, and the secret is rotated only by re-creating. The status is
 * left alone too; a disabled or gone registration comes back through resume.
 *
 * A threshold trigger whose watch changes (subject, threshold, direction or margin) starts
 * again from the watched value's latest computation, as a new registration would: the old
 * arming was about another question. The same parameters sent again keep the state.
 */
export const updateRegistration = async (
  scope: InstanceScope,
  registrationId: string,
  input: TUpdateTriggerRegistration,
  audit: AuditContext,
): Promise<TTriggerRegistration> => {
  // 404 before 422: a caller probing another instance's id learns nothing from validation.
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  const stored = await getDb().triggerRegistration.findFirst({ where, select: { type: true, destinationId: true } });
  if (!stored) throw notFound("triggerRegistration");

  // The stored type decides what the parameters may be, and which subject they name.
  const type = ZTriggerType.parse(stored.type);
  const subjectKind = subjectKindOf(type);
  const parameters = input.parameters ? parseParameters(type, input.parameters) : undefined;
  const subjectColumns = parameters ? subjectColumnsOf(subjectKind, parameters) : undefined;
  await Promise.all([
    subjectColumns ? assertSubjectInScope(subjectKind, scope, subjectColumns) : undefined,
    input.callbackUrl !== undefined ? assertCallbackUrlAllowed(input.callbackUrl) : undefined,
  ]);

  await writeTransaction(getDb(), async (tx) => {
    const before = await tx.triggerRegistration.findFirst({ where, select: registrationSnapshotColumns });
    if (!before) throw notFound("triggerRegistration");
    const thresholdState =
      parameters && subjectColumns && isThresholdType(type) && !sameThresholdWatch(type, before.parameters, parameters)
        ? await startingThresholdState(tx, scope, type, parameters, subjectColumns)
        : undefined;
    const after = await tx.triggerRegistration.update({
      where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      data: {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(parameters && subjectColumns ? { parameters, ...subjectColumns, submissionKind: submissionKindColumnOf(parameters) } : {}),
        ...(thresholdState ? { thresholdState } : {}),
        ...(input.callbackUrl !== undefined ? await newEndpoint(tx, scope, registrationId, { ...before, displayName: input.displayName ?? before.displayName }, input.callbackUrl, audit) : {}),
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
    throw asSubjectNotInInstance(subjectKind, error);
  });
  return getRegistration(scope, registrationId);
};
