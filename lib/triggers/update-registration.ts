import { AppError, notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { registrationSnapshot, registrationSnapshotColumns } from "./registration-snapshot";
import { getDb } from "../db/client";
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

const endpointOnDestination = () => {
  const message = "This trigger sends to a destination: change the endpoint on the destination.";
  return new AppError("validation_failed", message, { reason: "endpoint_on_destination", issues: [{ path: "callbackUrl", message }] });
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
  // Several triggers may share the destination: its endpoint is changed on it, by its Admins.
  if (input.callbackUrl !== undefined && stored.destinationId !== null) throw endpointOnDestination();

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
        // Only a registration with an endpoint of its own gets here with one (checked above; the
        // destination it has is never added later, so the check outside the transaction holds).
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
    throw asSubjectNotInInstance(subjectKind, error);
  });
  return getRegistration(scope, registrationId);
};
