import { notFound } from "../errors/app-error";
import { decryptSecret } from "../crypto/secret-box";
import { type DbTransaction, getDb } from "../db/client";
import { newId } from "../ids/new-id";
import { type TTriggerParameters, type TTriggerType, ZTriggerType } from "../triggers/schemas";
import { sendingColumns, sendingEndpointOf } from "../triggers/registration-endpoint";
import { sampleSubject } from "../triggers/subject-lookup";
import { type SubjectColumns, subjectColumnSelect, subjectColumnsOf } from "../triggers/types/subjects";
import { subjectKindOf } from "../triggers/types/vocabulary";
import { type DeliveryScope, deliveryColumns, toAttemptDto, toDeliveryDto } from "./deliveries";
import { buildSampleEvent, serialiseEvent } from "../events/sample-event";
import { failureOf, lastErrorColumns } from "./record-attempts";
import { sendToDestination } from "./destination-body";
import { type AttemptResult, attemptLogRow } from "./send-webhook";
import { assertCallbackUrlAllowed } from "../security/ssrf-guard";
import { writeTransaction } from "../db/write-transaction";
import type { TDelivery, TDeliveryAttempt } from "./schemas";

/**
 * The instance and subject a sample event talks about (the watched subject, else any of the
 * instance), and the parameters it was set up with (a threshold sample crosses its own threshold).
 */
export const sampleContext = async (scope: DeliveryScope, type: TTriggerType, columns: SubjectColumns, parameters: unknown) => {
  const [instance, subject] = await Promise.all([instanceOf(scope), sampleSubject(subjectKindOf(type), scope, columns)]);
  return { instance, ...subject, parameters };
};

const instanceOf = async (scope: DeliveryScope) => {
  const instance = await getDb().instance.findFirst({
    where: { id: scope.instanceId, tenantId: scope.tenantId },
    select: { id: true, name: true },
  });
  if (!instance) throw notFound("instance");
  return instance;
};

const attemptRow = (result: AttemptResult) => attemptLogRow(result, 1, "test");

/**
 * Sends one marked sample event to a saved registration, inline and without retries, and
 * logs it like any delivery. A test-fire does not touch the registration's health: it
 * works on paused and failing registrations too, so users can check a fix.
 */
export const testFireRegistration = async (scope: DeliveryScope, registrationId: string): Promise<TDelivery> => {
  const db = getDb();
  const registration = await db.triggerRegistration.findFirst({
    where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { id: true, type: true, parameters: true, ...subjectColumnSelect, ...sendingColumns },
  });
  if (!registration) throw notFound("triggerRegistration");
  const type = ZTriggerType.parse(registration.type);
  const event = buildSampleEvent({ type, context: await sampleContext(scope, type, registration, registration.parameters) });
  const payload = serialiseEvent(event);
  const deliveryId = newId("msg");

  const endpoint = sendingEndpointOf(registration);
  const result = await sendToDestination({
    url: endpoint.url,
    secret: decryptSecret(endpoint.secretCiphertext),
    messageId: deliveryId,
    payload,
    destinationType: endpoint.destinationType,
    registrationId: registration.id,
  });

  // Written after the send, all at once: a test-fire is never picked up by the worker.
  const completedAt = new Date();
  const row = await writeTransaction(db, async (tx: DbTransaction) => {
    await tx.event.create({
      data: { id: event.id, tenantId: scope.tenantId, instanceId: scope.instanceId, type, test: true, payload, createdAt: new Date(event.timestamp) },
    });
    await tx.delivery.create({
      data: {
        id: deliveryId,
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        eventId: event.id,
        registrationId: registration.id,
        status: result.outcome,
        attemptCount: 1,
        nextAttemptAt: null,
        lastStatusCode: result.statusCode,
        ...lastErrorColumns(failureOf(result)),
        createdAt: new Date(event.timestamp),
        completedAt,
        attempts: { create: attemptRow(result) },
      },
    });
    return tx.delivery.findFirstOrThrow({
      where: { id: deliveryId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      select: deliveryColumns,
    });
  });
  return toDeliveryDto(row);
};

export type DraftTestEvent = {
  instanceId: string;
  type: TTriggerType;
  parameters: TTriggerParameters;
  callbackUrl: string;
  /** What the endpoint takes (lib/delivery/destination-body.ts): a Teams card or the event. */
  destinationType: string;
  /** whsec_…; the caller generates it (generateSigningSecret) and hands it to the user. */
  signingSecret: string;
  /** When given, the sample names the instance and data source for real (scoped lookups). */
  tenantId?: string;
  instanceName?: string;
};

/**
 * The wizard's test-fire before anything is saved: one signed sample event, nothing
 * persisted (no registration exists to log it against). Refuses URLs the SSRF guard
 * refuses, with the same message saving would give.
 */
export const sendDraftTestEvent = async (draft: DraftTestEvent): Promise<TDeliveryAttempt> => {
  await assertCallbackUrlAllowed(draft.callbackUrl);
  const context = draft.tenantId
    ? await sampleContext(
        { tenantId: draft.tenantId, instanceId: draft.instanceId },
        draft.type,
        subjectColumnsOf(subjectKindOf(draft.type), draft.parameters),
        draft.parameters,
      )
    : { instance: { id: draft.instanceId, name: draft.instanceName ?? draft.instanceId }, dataSource: null, parameters: draft.parameters };
  const event = buildSampleEvent({ type: draft.type, context });
  const result = await sendToDestination({
    url: draft.callbackUrl,
    secret: draft.signingSecret,
    messageId: newId("msg"),
    payload: serialiseEvent(event),
    destinationType: draft.destinationType,
  });
  return toAttemptDto(attemptRow(result));
};
