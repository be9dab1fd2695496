import { z } from "zod";
import { ZId } from "../ids/schemas";
import { byTriggerType, exactlyOneEndpoint, ZCallbackUrl, ZDestinationType, ZSigningSecretInput } from "../triggers/schemas";

// Shapes of deliveries and test-fires shared by the UI and the API. One schema per shape.

/** The values a stored failure's sentence needs, with `reason` telling apart cases of one code. */
export const ZErrorDetails = z.looseObject({ reason: z.string().optional() });
export type TErrorDetails = z.infer<typeof ZErrorDetails>;

export const ZDeliveryAttempt = z
  .object({
    number: z.number().int(),
    reason: z.enum(["scheduled", "replay", "test"]),
    startedAt: z.string(),
    durationMs: z.number(),
    statusCode: z.number().int().nullable(),
    outcome: z.enum(["succeeded", "failed"]),
    responseBody: z.string().nullable(),
    /** Why it failed, in English (for API clients); the UI shows errorCode and errorDetails from its catalogs. */
    error: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorDetails: ZErrorDetails.nullable(),
  })
  .meta({ id: "DeliveryAttempt" });
export type TDeliveryAttempt = z.infer<typeof ZDeliveryAttempt>;

export const ZDelivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    test: z.boolean(),
    status: z.enum(["pending", "delivering", "succeeded", "failed", "cancelled"]),
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    lastErrorDetails: ZErrorDetails.nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    /** The exact JSON body sent (parsed), so users can see what their flow received. */
    payload: z.unknown(),
    attempts: z.array(ZDeliveryAttempt),
  })
  .meta({ id: "Delivery" });
export type TDelivery = z.infer<typeof ZDelivery>;

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
export const ZDraftTestFire = byTriggerType(
  {},
  {
    callbackUrl: ZCallbackUrl.optional(),
    destinationId: ZId.optional(),
    /** What the pasted endpoint takes (a destination says it itself): a Teams card, or the event. */
    destinationType: ZDestinationType.optional(),
    signingSecret: ZSigningSecretInput.optional(),
  },
).superRefine(exactlyOneEndpoint);
export type TDraftTestFire = z.infer<typeof ZDraftTestFire>;

/** What a draft's events would look like at a destination of this type, before anything is sent. */
export const ZDraftMessagePreview = byTriggerType({}, { destinationType: ZDestinationType });
export type TDraftMessagePreview = z.infer<typeof ZDraftMessagePreview>;

/** The JSON body a sample event of the draft would be sent as: a Teams message, or the event itself. */
export const ZDraftMessagePreviewResult = z
  .object({ body: z.record(z.string(), z.unknown()) })
  .meta({ id: "DraftMessagePreview" });
export type TDraftMessagePreviewResult = z.infer<typeof ZDraftMessagePreviewResult>;

/**
 * The attempt's outcome plus the secret it was signed with; pass the secret on to create. No secret
 * for a test on a destination: it signs with the destination's own, which stays its Admins'.
 */
export const ZDraftTestFireResult = z.object({ attempt: ZDeliveryAttempt, signingSecret: z.string().optional() }).meta({ id: "DraftTestFireResult" });
export type TDraftTestFireResult = z.infer<typeof ZDraftTestFireResult>;
