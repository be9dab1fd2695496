import type { Db } from "../../db/client";

const GONE_MESSAGE = "The trigger is gone (its endpoint said it no longer exists): this delivery was cancelled.";

/**
 * Deliveries left "delivering" by a worker that died, whose registration stopped receiving
 * events (paused, disabled, gone) before anyone took them over: the claim only takes
 * deliveries of active registrations, so without this they would stay "delivering" for
 * ever. They go back to pending (sent when the registration is active again), or are
 * cancelled when the registration is gone, as its other waiting deliveries were.
 * Returns how many were released.
 */
export const releaseStrandedDeliveries = async (db: Db, now: Date): Promise<number> => {
  const cancelled = await db.$executeRaw`UPDATE "Delivery" SET "status" = 'cancelled', "nextAttemptAt" = NULL, "completedAt" = ${now},
      "lastError" = ${GONE_MESSAGE}, "leaseToken" = NULL, "leaseUntil" = NULL
    WHERE "status" = 'delivering' AND "leaseUntil" < ${now}
      AND EXISTS (SELECT 1 FROM "TriggerRegistration" r WHERE r."id" = "Delivery"."registrationId" AND r."status" = 'gone')`;
  const released = await db.$executeRaw`UPDATE "Delivery" SET "status" = 'pending', "leaseToken" = NULL, "leaseUntil" = NULL
    WHERE "status" = 'delivering' AND "leaseUntil" < ${now}
      AND NOT EXISTS (SELECT 1 FROM "TriggerRegistration" r WHERE r."id" = "Delivery"."registrationId" AND r."status" IN ('active', 'failing'))`;
  return cancelled + released;
};
