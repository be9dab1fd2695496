import { notFound } from "../errors/app-error";
import { getDb } from "../db/client";
import { decodeErrorDetails } from "./attempt-error";
import type { TDelivery, TDeliveryAttempt } from "./schemas";

/** The tenant and instance every delivery query is confined to. */
export type DeliveryScope = { tenantId: string; instanceId: string };

const deliveryStatuses = ["pending", "delivering", "succeeded", "failed", "cancelled"] as const;
const attemptReasons = ["scheduled", "replay", "test"] as const;

/** The columns a delivery DTO is made of (with its event and attempts). */
export const deliveryColumns = {
  id: true,
  eventId: true,
  status: true,
  attemptCount: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  lastErrorCode: true,
  lastErrorDetails: true,
  createdAt: true,
  completedAt: true,
  event: { select: { type: true, test: true, payload: true } },
  attempts: {
    orderBy: { number: "asc" },
    select: {
      number: true,
      reason: true,
      startedAt: true,
      durationMs: true,
      statusCode: true,
      outcome: true,
      responseBody: true,
      error: true,
      errorCode: true,
      errorDetails: true,
    },
  },
} as const;

export type AttemptRow = {
  number: number;
  reason: string;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  outcome: string;
  responseBody: string | null;
  error: string | null;
  errorCode: string | null;
  /** JSON text (lib/delivery/attempt-error.ts). */
  errorDetails: string | null;
};

export type DeliveryRow = {
  id: string;
  eventId: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorDetails: string | null;
  createdAt: Date;
  completedAt: Date | null;
  event: { type: string; test: boolean; payload: string };
  attempts: AttemptRow[];
};

export const toAttemptDto = (row: AttemptRow): TDeliveryAttempt => ({
  number: row.number,
  reason: (attemptReasons as readonly string[]).includes(row.reason) ? (row.reason as TDeliveryAttempt["reason"]) : "scheduled",
  startedAt: row.startedAt.toISOString(),
  durationMs: row.durationMs,
  statusCode: row.statusCode,
  outcome: row.outcome === "succeeded" ? "succeeded" : "failed",
  responseBody: row.responseBody,
  error: row.error,
  errorCode: row.errorCode,
  errorDetails: decodeErrorDetails(row.errorDetails),
});

const parsePayload = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};

export const toDeliveryDto = (row: DeliveryRow): TDelivery => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.event.type,
  test: row.event.test,
  status: (deliveryStatuses as readonly string[]).includes(row.status) ? (row.status as TDelivery["status"]) : "failed",
  attemptCount: row.attemptCount,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  lastErrorCode: row.lastErrorCode,
  lastErrorDetails: decodeErrorDetails(row.lastErrorDetails),
  createdAt: row.createdAt.toISOString(),
  completedAt: row.completedAt?.toISOString() ?? null,
  payload: parsePayload(row.event.payload),
  attempts: row.attempts.map(toAttemptDto),
});

/** A registration's deliveries, newest first, each with its attempts in order. */
export const listDeliveries = async (
  scope: DeliveryScope,
  registrationId: string,
  options: { limit?: number } = {},
): Promise<TDelivery[]> => {
  const db = getDb();
  const registration = await db.triggerRegistration.findFirst({
    where: { id: registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { id: true },
  });
  if (!registration) throw notFound("triggerRegistration");
  const rows = await db.delivery.findMany({
    where: { registrationId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 200),
    select: deliveryColumns,
  });
  return rows.map(toDeliveryDto);
};

/** One delivery of the instance; another instance's or tenant's id answers 404. */
export const getDelivery = async (scope: DeliveryScope, deliveryId: string): Promise<TDelivery> => {
  const row = await getDb().delivery.findFirst({
    where: { id: deliveryId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: deliveryColumns,
  });
  if (!row) throw notFound("delivery");
  return toDeliveryDto(row);
};
