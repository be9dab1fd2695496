import type { DbTransaction } from "../db/client";
import { newId } from "../ids/new-id";
import type { TTriggerType } from "../triggers/schemas";

// Registrations in these states receive new events; paused, disabled and gone ones do not.
const receivingStatuses = ["active", "failing"];

export type EventInput = {
  tenantId: string;
  instanceId: string;
  type: TTriggerType;
  /** The data source the event is about, matched against registrations for one source or any. */
  dataSourceId: string | null;
  data: Record<string, unknown>;
};

export type EnqueuedEvent = { eventId: string; deliveryIds: string[] };

/**
 * Transactional outbox: call inside the transaction that writes the result causing the
 * event. It writes the event and one pending delivery per matching registration, so the
 * result, the event and its deliveries commit (or roll back) together. Returns null when
 * nothing is registered for the event.
 */
export const enqueueEvent = async (
  tx: DbTransaction,
  input: EventInput,
  now = new Date(),
): Promise<EnqueuedEvent | null> => {
  const registrations = await tx.triggerRegistration.findMany({
    where: {
      tenantId: input.tenantId,
      instanceId: input.instanceId,
      type: input.type,
      status: { in: receivingStatuses },
      OR: [{ dataSourceId: null }, ...(input.dataSourceId ? [{ dataSourceId: input.dataSourceId }] : [])],
    },
    select: { id: true },
  });
  if (registrations.length === 0) return null;

  const eventId = newId("evt", now.getTime());
  const payload = JSON.stringify({
    id: eventId,
    type: input.type,
    timestamp: now.toISOString(),
    instanceId: input.instanceId,
    test: false,
    data: input.data,
  });
  await tx.event.create({
    data: { id: eventId, tenantId: input.tenantId, instanceId: input.instanceId, type: input.type, payload, createdAt: now },
  });
  const deliveries = registrations.map((registration) => ({
    id: newId("msg", now.getTime()),
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    eventId,
    registrationId: registration.id,
    status: "pending",
    nextAttemptAt: now,
    createdAt: now,
  }));
  await tx.delivery.createMany({ data: deliveries });
  await tx.triggerRegistration.updateMany({
    where: { id: { in: registrations.map((r) => r.id) } },
    data: { lastFiredAt: now },
  });
  return { eventId, deliveryIds: deliveries.map((d) => d.id) };
};
