import { DEMO_ADMIN_ID } from "../../auth/principal";
import { encryptSecret } from "../../crypto/secret-box";
import type { Db } from "../../db/client";
import { signalDeliveriesPending } from "../../events/delivery-signal";
import { enqueueEvent } from "../../events/enqueue-event";
import { newId } from "../../ids/new-id";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../../seed/demo-identity";
import { generateSigningSecret } from "../../crypto/signing-secret";
import { writeTransaction } from "../../db/write-transaction";

export const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

/** Tests and the benchmark must never write an encryption key into the repository's data/. */
export const useFixedEncryptionKey = () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
};

export const seedIdentity = (db: Db) => seedDemoIdentity(db);

/** Each test starts from an empty outbox and no registrations. */
export const clearOutbox = async (db: Db) => {
  await db.delivery.deleteMany({});
  await db.event.deleteMany({});
  await db.triggerRegistration.deleteMany({});
};

export const createRegistration = async (
  db: Db,
  input: { callbackUrl: string; origin?: "app" | "powerAutomate"; status?: string; type?: "datasource.refresh.failed" | "datasource.refresh.succeeded" },
) => {
  const secret = generateSigningSecret();
  const registration = await db.triggerRegistration.create({
    data: {
      id: newId("reg"),
      ...scope,
      displayName: "Test trigger",
      type: input.type ?? "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      dataSourceId: null,
      callbackUrl: input.callbackUrl,
      secretCiphertext: encryptSecret(secret),
      origin: input.origin ?? "app",
      ownerId: DEMO_ADMIN_ID,
      status: input.status ?? "active",
    },
    select: { id: true },
  });
  return { id: registration.id, secret };
};

/** Enqueues `count` events through the real outbox, each in its own transaction. */
export const enqueueEvents = async (
  db: Db,
  count: number,
  type: "datasource.refresh.failed" | "datasource.refresh.succeeded" = "datasource.refresh.failed",
) => {
  const deliveryIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const enqueued = await writeTransaction(db, (tx) =>
      enqueueEvent(tx, { ...scope, type, dataSourceId: null, data: { sequence: i } }),
    );
    if (enqueued) deliveryIds.push(...enqueued.deliveryIds);
  }
  signalDeliveriesPending();
  return deliveryIds;
};
