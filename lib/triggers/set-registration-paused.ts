import { AppError, notFound } from "../api/errors";
import { getDb } from "../db/client";
import { getRegistration } from "./get-registration";
import type { InstanceScope } from "./instance-scope";
import type { TRegistrationStatus, TTriggerRegistration } from "./schemas";

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
const fromStatuses: Record<"pause" | "resume", TRegistrationStatus[]> = {
  pause: ["active", "failing"],
  resume: ["paused", "disabled", "gone"],
};

export const setRegistrationPaused = async (
  scope: InstanceScope,
  registrationId: string,
  paused: boolean,
): Promise<TTriggerRegistration> => {
  const action = paused ? "pause" : "resume";
  const where = { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  // One conditional update: two concurrent requests cannot both make the transition.
  const { count } = await getDb().triggerRegistration.updateMany({
    where: { ...where, status: { in: fromStatuses[action] } },
    data: paused ? { status: "paused" } : { status: "active", consecutiveFailures: 0, failingSince: null },
  });
  if (count === 1) return getRegistration(scope, registrationId);

  const current = await getDb().triggerRegistration.findFirst({ where, select: { status: true } });
  if (!current) throw notFound("Trigger registration");
  throw new AppError(
    "conflict",
    paused
      ? `The trigger cannot be paused while it is ${current.status}.`
      : `The trigger cannot be resumed while it is ${current.status}.`,
    { status: current.status },
  );
};
