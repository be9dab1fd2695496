import type { DbTransaction } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { DELIVERY_CHANNEL, dialectOf, jsonPairTable } from "../delivery/sql/dialect";
import { newId } from "../ids/new-id";
import { newDeliveryIds } from "./new-delivery-ids";
import type { TTriggerType } from "../triggers/schemas";

/**
 * lastFiredAt is kept to this resolution on PostgreSQL: a registration firing 1,000 times a
 * second would otherwise be one hot row, rewritten (and locked until commit) by every event.
 */
export const HOT_ROW_RESOLUTION_MS = 1_000;

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
  // Raw SQL throughout: Prisma plans createMany anew on every call (~15 ms), more than
  // the whole fan-out to 10,000 registrations takes as one statement.
  const dialect = dialectOf(tx);
  const matching = Prisma.sql`"tenantId" = ${input.tenantId} AND "instanceId" = ${input.instanceId} AND "type" = ${input.type}
      AND "status" IN (${Prisma.join(receivingStatuses)})
      AND ("dataSourceId" IS NULL${input.dataSourceId ? Prisma.sql` OR "dataSourceId" = ${input.dataSourceId}` : Prisma.empty})`;
  // SQLite: one statement both stamps and returns the matching registrations (its write lock
  // is database-wide, so stamping costs nothing extra). PostgreSQL: FOR KEY SHARE keeps a
  // registration from being deleted between this read and the deliveries' insert (which
  // would fail the whole result's transaction on the foreign key) without blocking the
  // worker's health updates; the lastFiredAt stamp comes last, so concurrent events for the
  // same registration wait for each other only for the commit.
  const registrations =
    dialect === "sqlite"
      ? await tx.$queryRaw<Array<{ id: string }>>`
          UPDATE "TriggerRegistration" SET "lastFiredAt" = ${now}, "updatedAt" = ${now} WHERE ${matching} RETURNING "id"`
      : await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "TriggerRegistration" WHERE ${matching} FOR KEY SHARE`;
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
  await tx.$executeRaw`INSERT INTO "Event" ("id", "tenantId", "instanceId", "type", "payload", "createdAt")
    VALUES (${eventId}, ${input.tenantId}, ${input.instanceId}, ${input.type}, ${payload}, ${now})`;

  const registrationIds = registrations.map((registration) => registration.id);
  const deliveryIds = newDeliveryIds(registrationIds.length, now.getTime());
  // The (id, registration) pairs travel as one JSON parameter, whatever their number.
  // PostgreSQL types a bare parameter in a SELECT list as text, which no timestamp column takes.
  const at = dialect === "postgresql" ? Prisma.sql`${now}::timestamp(3)` : Prisma.sql`${now}`;
  const pairs = jsonPairTable(dialect, deliveryIds.map((id, index) => [id, registrationIds[index]!]));
  await tx.$executeRaw`INSERT INTO "Delivery" ("id", "tenantId", "instanceId", "eventId", "registrationId", "status", "attemptCount", "nextAttemptAt", "createdAt")
    SELECT p."a", ${input.tenantId}, ${input.instanceId}, ${eventId}, p."b", 'pending', 0, ${at}, ${at} FROM ${pairs} p`;
  if (dialect === "postgresql") {
    // A join, not IN (…): the planner cannot size a JSON list and would loop over it per row.
    await tx.$executeRaw`UPDATE "TriggerRegistration" r SET "lastFiredAt" = ${now}, "updatedAt" = ${now}
      FROM (SELECT json_array_elements_text(${JSON.stringify(registrationIds)}::json) AS "id") fired
      WHERE r."id" = fired."id" AND r."tenantId" = ${input.tenantId} AND r."instanceId" = ${input.instanceId}
        AND (r."lastFiredAt" IS NULL OR r."lastFiredAt" < ${new Date(now.getTime() - HOT_ROW_RESOLUTION_MS)})`;
    // Delivered to listening workers in other processes when (and only if) the caller commits.
    await tx.$executeRaw`SELECT pg_notify(${DELIVERY_CHANNEL}, '')`;
  }
  return { eventId, deliveryIds };
};
