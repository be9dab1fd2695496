import type { DbTransaction } from "../db/client";
import { PREPARED_STATEMENT_MARK } from "../db/direct-sql";
import { Prisma } from "../db/generated/sqlite/client";
import { dialectOf, sqliteJsonPairTable } from "../db/dialect";
import { HOT_ROW_RESOLUTION_MS } from "../db/hot-rows";
import { newId } from "../ids/new-id";
import { DELIVERY_CHANNEL } from "./delivery-signal";
import { eventEnvelope, type TEventType } from "./event-envelope";
import { DELIVERY_ID_SEQUENCE_CHARS, newDeliveryIdHead, newDeliveryIds } from "./new-delivery-ids";

/** Registrations in these states receive new events; paused, disabled and gone ones do not. */
export const receivingStatuses = ["active", "failing"] as const;

export type { TEventType } from "./event-envelope";

export type EventInput = {
  tenantId: string;
  instanceId: string;
  type: TEventType;
  /**
   * What the event is about, by its type's subject kind (lib/triggers/types/subjects.ts), matched
   * against the registrations' subject columns: a registration for that subject or for any. An
   * instance event names none: it reaches every registration of its type in the instance.
   */
  subject: EventSubject;
  /**
   * Only these registrations, among those the type, subject and status match. For an event whose
   * data is about one registration (a threshold crossed, with that registration's threshold),
   * so that it reaches that registration and no other watching the same subject. Absent: all.
   */
  registrationIds?: readonly string[];
  /** Built by the type's builder (lib/triggers/types), like the sample events of test-fires. */
  data: Record<string, unknown>;
};

/** One optional key per subject column; a new subject kind adds its column here and a condition below. */
export type EventSubject = { dataSourceId?: string | null; segmentId?: string | null; measureId?: string | null } & EventSubmissionKind;

/**
 * A refresh job's submission kind (refresh.full.completed): registrations listening to any kind
 * (NULL) or to this one. Events that give none match regardless of the column.
 */
type EventSubmissionKind = { submissionKind?: "scheduled" | "onDemand" };

/**
 * A registration for the event's subject or for any (a null column). Every registration of a
 * type uses the same column, and the others stay null, so each column can be tested alone.
 */
const subjectMatch = (column: keyof EventSubject, id: string | null | undefined) =>
  Prisma.sql`AND (${Prisma.raw(`"${column}"`)} IS NULL${id ? Prisma.sql` OR ${Prisma.raw(`"${column}"`)} = ${id}` : Prisma.empty})`;

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
  if (input.registrationIds?.length === 0) return null;
  const dialect = dialectOf(tx);
  const matching = Prisma.sql`"tenantId" = ${input.tenantId} AND "instanceId" = ${input.instanceId} AND "type" = ${input.type}
      AND "status" IN (${Prisma.join(receivingStatuses)})
      ${subjectMatch("dataSourceId", input.subject.dataSourceId)} ${subjectMatch("segmentId", input.subject.segmentId)} ${subjectMatch("measureId", input.subject.measureId)}${
        input.subject.submissionKind ? Prisma.sql` AND ("submissionKind" IS NULL OR "submissionKind" = ${input.subject.submissionKind})` : Prisma.empty
      }
      ${input.registrationIds ? onlyRegistrations(dialect, input.registrationIds) : Prisma.empty}`;
  const eventId = newId("evt", now.getTime());
  const payload = JSON.stringify(eventEnvelope({ id: eventId, type: input.type, instanceId: input.instanceId, test: false, data: input.data }, now));
  return dialect === "postgresql" ? enqueueOnPostgresql(tx, input, matching, eventId, payload, now) : enqueueOnSqlite(tx, input, matching, eventId, payload, now);
};

/** The ids travel as one JSON parameter, so the statement's text (prepared once) does not depend on their number. */
const onlyRegistrations = (dialect: "sqlite" | "postgresql", ids: readonly string[]) =>
  dialect === "postgresql"
    ? Prisma.sql`AND "id" IN (SELECT json_array_elements_text(${JSON.stringify(ids)}::json))`
    : Prisma.sql`AND "id" IN (SELECT "value" FROM json_each(${JSON.stringify(ids)}))`;

/**
 * PostgreSQL: the whole outbox write is ONE statement, so an event costs one round trip
 * inside the caller's transaction. FOR KEY SHARE keeps a registration from being deleted
 * between the match and the deliveries' insert (which would fail the whole result's
 * transaction on the foreign key) without blocking the worker's health updates. lastFiredAt
 * is only rewritten once a second (a registration firing 1,000 times a second is a hot row,
 * locked until commit by whoever rewrites it). pg_notify wakes listening workers in other
 * processes when, and only if, the caller commits. Delivery ids: newDeliveryIdHead plus the
 * row's number in hex (see new-delivery-ids.ts). Prepared once per connection (the mark): at
 * 1,000 events a second, parsing and planning this statement each time cost a quarter of the rate.
 */
const enqueueOnPostgresql = async (tx: DbTransaction, input: EventInput, matching: Prisma.Sql, eventId: string, payload: string, now: Date) => {
  const at = Prisma.sql`${now}::timestamp(3)`;
  const rows = await tx.$queryRaw<Array<{ id: string }>>`${Prisma.raw(PREPARED_STATEMENT_MARK)}
    WITH registrations AS (
      SELECT "id" FROM "TriggerRegistration" WHERE ${matching} FOR KEY SHARE
    ),
    event AS (
      INSERT INTO "Event" ("id", "tenantId", "instanceId", "type", "payload", "createdAt")
      SELECT ${eventId}, ${input.tenantId}, ${input.instanceId}, ${input.type}, ${payload}, ${at}
      WHERE EXISTS (SELECT 1 FROM registrations)
      RETURNING "id", pg_notify(${DELIVERY_CHANNEL}, '')
    ),
    deliveries AS (
      INSERT INTO "Delivery" ("id", "tenantId", "instanceId", "eventId", "registrationId", "status", "attemptCount", "nextAttemptAt", "createdAt")
      SELECT ${newDeliveryIdHead(now.getTime())} || lpad(to_hex(row_number() OVER ()), ${DELIVERY_ID_SEQUENCE_CHARS}, '0'),
        ${input.tenantId}, ${input.instanceId}, event."id", registrations."id", 'pending', 0, ${at}, ${at}
      FROM event, registrations
      RETURNING "id"
    ),
    fired AS (
      UPDATE "TriggerRegistration" r SET "lastFiredAt" = ${at}, "updatedAt" = ${at}
      FROM registrations
      WHERE r."id" = registrations."id" AND EXISTS (SELECT 1 FROM event)
        AND (r."lastFiredAt" IS NULL OR r."lastFiredAt" < ${new Date(now.getTime() - HOT_ROW_RESOLUTION_MS)})
    )
    SELECT "id" FROM deliveries`;
  if (rows.length === 0) return null;
  return { eventId, deliveryIds: rows.map((row) => row.id) };
};

/**
 * SQLite: one statement both stamps and returns the matching registrations (its write lock
 * is database-wide, so stamping costs nothing extra), then the event and its deliveries.
 * Statements run in-process here: there are no round trips to save.
 */
const enqueueOnSqlite = async (tx: DbTransaction, input: EventInput, matching: Prisma.Sql, eventId: string, payload: string, now: Date) => {
  const registrations = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "TriggerRegistration" SET "lastFiredAt" = ${now}, "updatedAt" = ${now} WHERE ${matching} RETURNING "id"`;
  if (registrations.length === 0) return null;
  await tx.$executeRaw`INSERT INTO "Event" ("id", "tenantId", "instanceId", "type", "payload", "createdAt")
    VALUES (${eventId}, ${input.tenantId}, ${input.instanceId}, ${input.type}, ${payload}, ${now})`;
  const registrationIds = registrations.map((registration) => registration.id);
  const deliveryIds = newDeliveryIds(registrationIds.length, now.getTime());
  // The (id, registration) pairs travel as one JSON parameter, whatever their number.
  const pairs = sqliteJsonPairTable(deliveryIds.map((id, index) => [id, registrationIds[index]!]));
  await tx.$executeRaw`INSERT INTO "Delivery" ("id", "tenantId", "instanceId", "eventId", "registrationId", "status", "attemptCount", "nextAttemptAt", "createdAt")
    SELECT p."a", ${input.tenantId}, ${input.instanceId}, ${eventId}, p."b", 'pending', 0, ${now}, ${now} FROM ${pairs} p`;
  return { eventId, deliveryIds };
};
