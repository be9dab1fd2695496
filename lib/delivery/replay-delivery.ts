import { AppError, notFound } from "../errors/app-error";
import { decryptSecret } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { newId } from "../ids/new-id";
import { isReplayAllowed } from "../triggers/registration-status-rules";
import { sendingColumns, sendingEndpointOf } from "../triggers/registration-endpoint";
import { toRegistrationStatus } from "../triggers/registration-status";
import { type DeliveryScope, deliveryColumns, toDeliveryDto } from "./deliveries";
import { failureOf, goneFailure, isGoneAnswer, lastErrorColumns, markGone } from "./record-attempts";
import { sendToDestination } from "./destination-body";
import { attemptLogRow } from "./send-webhook";
import type { TDelivery } from "./schemas";

// Covers the send (at most 30 s) and the write that follows.
const REPLAY_LEASE_MS = 60_000;

/**
 * Re-sends a delivery's exact payload, with the same webhook-id (receivers dedupe on it),
 * as a new logged attempt, inline. Success makes the delivery succeeded; a failure leaves
 * its state as it was (a pending retry stays scheduled). The delivery is leased for the
 * duration, so the worker and a second replay cannot send it at the same time.
 *
 * A paused or disabled registration stays so: a replay is a one-off the user asked for. A
 * gone one is refused (409 registration_gone) before anything is sent; see isReplayAllowed.
 */
export const replayDelivery = async (scope: DeliveryScope, deliveryId: string): Promise<TDelivery> => {
  const db = getDb();
  const delivery = await db.delivery.findFirst({
    where: { id: deliveryId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: {
      id: true,
      status: true,
      registrationId: true,
      event: { select: { payload: true } },
      registration: { select: { ...sendingColumns, origin: true, status: true } },
    },
  });
  if (!delivery) throw notFound("delivery");
  const registrationStatus = toRegistrationStatus(delivery.registration.status);
  if (!isReplayAllowed(registrationStatus)) {
    throw new AppError(
      "registration_gone",
      "This trigger is gone: its endpoint answered that it no longer exists, so nothing more is sent to it, replays included. If the endpoint is back, resume the trigger, then replay.",
      { registrationStatus },
    );
  }

  const now = new Date();
  const leaseToken = newId("lease_replay");
  const claimed = await db.delivery.updateMany({
    where: {
      id: delivery.id,
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      OR: [{ status: { not: "delivering" } }, { leaseUntil: { lt: now } }],
    },
    data: { status: "delivering", leaseToken, leaseUntil: new Date(now.getTime() + REPLAY_LEASE_MS) },
  });
  if (claimed.count === 0) {
    throw new AppError("conflict", "This delivery is being sent right now. Wait for the attempt to finish, then replay it.", {
      reason: "delivery_in_flight",
    });
  }
  // Re-read under the lease: the status and count we restore and number from are current.
  const leased = await db.delivery.findFirstOrThrow({
    where: { id: delivery.id, tenantId: scope.tenantId, instanceId: scope.instanceId, leaseToken },
    select: { attemptCount: true },
  });
  const previousStatus = delivery.status === "delivering" ? "pending" : delivery.status;

  const endpoint = sendingEndpointOf(delivery.registration);
  let secret: string;
  try {
    secret = decryptSecret(endpoint.secretCiphertext);
  } catch (error) {
    await db.delivery.updateMany({
      where: { id: delivery.id, leaseToken },
      data: { status: previousStatus, leaseToken: null, leaseUntil: null },
    });
    throw error;
  }
  const result = await sendToDestination({
    url: endpoint.url,
    secret,
    messageId: delivery.id,
    payload: delivery.event.payload,
    destinationType: endpoint.destinationType,
    registrationId: delivery.registrationId,
  });

  const succeeded = result.outcome === "succeeded";
  const gone = isGoneAnswer(result.statusCode, delivery.registration.origin);
  const finishedAt = new Date();
  const registrationScope = { id: delivery.registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId };
  // Every write on condition of still holding the lease, the delivery's first (which also
  // locks its row): a replay that outlived its lease, taken over by the worker, records nothing.
  const recorded = await writeTransaction(db, async (tx) => {
    const { count } = await tx.delivery.updateMany({
      where: { id: delivery.id, tenantId: scope.tenantId, instanceId: scope.instanceId, leaseToken },
      data: {
        attemptCount: { increment: 1 },
        lastStatusCode: result.statusCode,
        ...lastErrorColumns(succeeded ? null : gone ? goneFailure(result.statusCode) : failureOf(result)),
        leaseToken: null,
        leaseUntil: null,
        ...(succeeded
          ? { status: "succeeded", nextAttemptAt: null, completedAt: finishedAt }
          : gone
            ? { status: previousStatus === "succeeded" ? "succeeded" : "failed", nextAttemptAt: null, completedAt: finishedAt }
            : { status: previousStatus }),
      },
    });
    if (count === 0) return false;
    await tx.deliveryAttempt.create({
      data: { deliveryId: delivery.id, ...attemptLogRow(result, leased.attemptCount + 1, "replay") },
    });
    if (succeeded) {
      // A replay that gets through proves the endpoint works again.
      await tx.triggerRegistration.updateMany({
        where: { ...registrationScope, status: "failing" },
        data: { status: "active", failingSince: null, consecutiveFailures: 0 },
      });
      await tx.triggerRegistration.updateMany({ where: registrationScope, data: { lastDeliveryAt: finishedAt } });
    } else if (gone) {
      for (const update of markGone(tx, registrationScope, goneFailure(result.statusCode), finishedAt)) await update;
    }
    return true;
  });
  if (!recorded) console.warn(`[replay] The outcome of replaying ${delivery.id} was not recorded: its lease expired before it was written.`);

  const row = await db.delivery.findFirstOrThrow({
    where: { id: delivery.id, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: deliveryColumns,
  });
  return toDeliveryDto(row);
};
