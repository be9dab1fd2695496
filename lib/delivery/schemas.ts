import { z } from "zod";
import { ZId } from "../ids/schemas";
import { byTriggerType, ZCallbackUrl, ZSigningSecretInput } from "../triggers/schemas";

// Shapes of deliveries and test-fires shared by the UI and the API. One schema per shape.

export type TDeliveryAttempt = {
  number: number;
  reason: "scheduled" | "replay" | "test";
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  outcome: "succeeded" | "failed";
  responseBody: string | null;
  /** Why it failed, in English (for API clients); the UI shows errorCode and errorDetails from its catalogs. */
  error: string | null;
  errorCode: string | null;
  errorDetails: TErrorDetails | null;
};

/** The values a stored failure's sentence needs, with `reason` telling apart cases of one code. */
export type TErrorDetails = { reason?: string } & Record<string, unknown>;

export type TDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  test: boolean;
  status: "pending" | "delivering" | "succeeded" | "failed" | "cancelled";
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorDetails: TErrorDetails | null;
  createdAt: string;
  completedAt: string | null;
  /** The exact JSON body sent (parsed), so users can see what their flow received. */
  payload: unknown;
  attempts: TDeliveryAttempt[];
};

// Path and query shapes of the delivery routes.
export const ZDeliveryParams = z.object({ instanceId: ZId, deliveryId: ZId });

export const ZListDeliveriesQuery = z.object({
  limit: z.coerce
    .number("The limit must be a number.")
    .int("The limit must be a whole number.")
    .min(1, "The limit must be at least 1.")
    .max(200, "The limit must be 200 at most.")
    .default(50),
});
export type TListDeliveriesQuery = z.infer<typeof ZListDeliveriesQuery>;

/** Test-fire from the wizard before the registration is saved. */
export const ZDraftTestFire = byTriggerType({}, { callbackUrl: ZCallbackUrl, signingSecret: ZSigningSecretInput.optional() });
export type TDraftTestFire = z.infer<typeof ZDraftTestFire>;

/** The attempt's outcome plus the secret it was signed with; pass the secret on to create. */
export type TDraftTestFireResult = { attempt: TDeliveryAttempt; signingSecret: string };
