import { AppError, notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { getDb } from "../db/client";
import { getRegistration } from "./get-registration";
import type { InstanceScope } from "./instance-scope";
import { pausableStatuses, resumableStatuses } from "./registration-status-rules";
import type { TRegistrationStatus, TTriggerRegistration } from "./schemas";
import { writeTransaction } from "../db/write-transaction";

/**
 * Allowed transitions:
 * - pause:  active | failing → paused
 * - resume: paused | disabled | gone → active
 *
 * Resuming always starts afresh (failure counter and failing-since cleared): the user has
 * looked at the destination and says it works again, so the next failure must not count
 * days of failure from before, which would disable the registration at once. A failing
 * registration is still receiving events, so resuming it is a conflict, not a no-op.
 */
const fromStatuses: Record<"pause" | "resume", readonly TRegistrationStatus[]> = {
  pause: pausableStatuses,
  resume: resumableStatuses,
};

export const setRegistrationPaused = async (
  scope: InstanceScope,
  registrationId: string,
  paused: boolean,
  audit: AuditContext,
): Promise<TTriggerRegistration> => {
  const action = paused ? "pause" : "resume";
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  await writeTransaction(getDb(), async (tx) => {
    const current = await tx.triggerRegistration.findFirst({ where, select: { status: true, displayName: true } });
    if (!current) throw notFound("triggerRegistration");
    // One conditional update: two concurrent requests cannot both make the transition, and
    // the one that loses rolls back without an audit entry.
    const { count } = await tx.triggerRegistration.updateMany({
      where: { ...where, status: { in: [...fromStatuses[action]] } },
      data: paused ? { status: "paused" } : { status: "active", consecutiveFailures: 0, failingSince: null },
    });
    if (count !== 1) {
      const now = (await tx.triggerRegistration.findFirst({ where, select: { status: true } }))?.status;
      if (!now) throw notFound("triggerRegistration");
      throw new AppError(
        "conflict",
        paused ? `The trigger cannot be paused while it is ${now}.` : `The trigger cannot be resumed while it is ${now}.`,
        { reason: paused ? "cannot_pause" : "cannot_resume", status: now },
      );
    }
    await recordAudit(tx, audit, {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      action: paused ? "triggerRegistration.paused" : "triggerRegistration.resumed",
      targetType: "triggerRegistration",
      targetId: registrationId,
      targetName: current.displayName,
      changes: { status: { before: current.status, after: paused ? "paused" : "active" } },
    });
  });
  return getRegistration(scope, registrationId);
};
