import { z } from "zod";
import { ZId } from "../ids/schemas";
import { triggerTypes } from "./trigger-kinds";

// Shapes shared by the trigger wizard's forms and the API. One schema per shape.

export { dataSourceTriggerTypes, triggerTypes } from "./trigger-kinds";
export const ZTriggerType = z.enum(triggerTypes);
export type TTriggerType = z.infer<typeof ZTriggerType>;

export const registrationStatuses = ["active", "paused", "failing", "disabled", "gone"] as const;
export type TRegistrationStatus = (typeof registrationStatuses)[number];

/**
 * Syntax only; whether the host may be reached is decided on the server (lib/security/ssrf-guard.ts).
 * One check function with early returns: zod runs every refinement even after one failed,
 * and `new URL` throws on what canParse refused.
 */
export const ZCallbackUrl = z
  .string()
  .trim()
  .check((ctx) => {
    const value = ctx.value;
    const fail = (message: string) => {
      ctx.issues.push({ code: "custom", message, input: value });
    };
    if (value.length === 0) return fail("Enter the endpoint URL.");
    if (value.length > 2048) return fail("The URL is too long (2048 characters at most).");
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail("Enter a full URL, starting with https://.");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return fail("The URL must start with https://.");
    if (url.username || url.password) return fail("The URL must not contain a user name or password.");
  });

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, "Give the trigger a name.")
  .max(120, "Keep the name under 120 characters.");

/** Parameters of the data source triggers: one data source, or null for any. */
export const ZDataSourceTriggerParameters = z.object({
  dataSourceId: ZId.nullable(),
});

/** The export destination tile a registration was set up from. */
export const destinationTypes = ["powerAutomate", "webhook"] as const;
export const ZDestinationType = z.enum(destinationTypes);
export type TDestinationType = z.infer<typeof ZDestinationType>;

/**
 * A Standard Webhooks secret: whsec_ + base64 of 24 to 64 bytes. Same rule as ZSigningSecret in
 * lib/crypto/signing-secret.ts (a unit test keeps them in step), written without Buffer so
 * this browser-shared module pulls no Node polyfill into the wizard's bundle.
 */
export const ZSigningSecretInput = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "A signing secret looks like whsec_ followed by base64.")
  .refine((value) => {
    const encoded = value.slice("whsec_".length);
    if (encoded.length % 4 !== 0) return false;
    const padding = encoded.endsWith("==") ? 2 : encoded.endsWith("=") ? 1 : 0;
    const bytes = (encoded.length / 4) * 3 - padding;
    return bytes >= 24 && bytes <= 64;
  }, "A signing secret must hold 24 to 64 bytes.");

export const ZCreateTriggerRegistration = z
  .object({
    displayName: ZDisplayName,
    destinationType: ZDestinationType.default("webhook"),
    type: ZTriggerType,
    parameters: ZDataSourceTriggerParameters,
    callbackUrl: ZCallbackUrl,
    /** The secret the wizard's draft test-fire used, so the tested endpoint keeps verifying; else one is generated. */
    signingSecret: ZSigningSecretInput.optional(),
  })
  .strict();
export type TCreateTriggerRegistration = z.infer<typeof ZCreateTriggerRegistration>;

export const ZUpdateTriggerRegistration = z
  .object({
    displayName: ZDisplayName.optional(),
    parameters: ZDataSourceTriggerParameters.optional(),
    callbackUrl: ZCallbackUrl.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, "Nothing to update.");
export type TUpdateTriggerRegistration = z.infer<typeof ZUpdateTriggerRegistration>;

export type TTriggerRegistration = {
  id: string;
  instanceId: string;
  displayName: string;
  type: TTriggerType;
  parameters: { dataSourceId: string | null };
  dataSourceName: string | null;
  callbackUrl: string;
  destinationType: TDestinationType;
  origin: "app" | "powerAutomate";
  status: TRegistrationStatus;
  consecutiveFailures: number;
  lastFiredAt: string | null;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Returned once, when the registration is created: the only time the secret is shown. */
export type TCreatedTriggerRegistration = { registration: TTriggerRegistration; signingSecret: string };

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

// Path and query shapes of the trigger registration and delivery routes.
export const ZRegistrationParams = z.object({ instanceId: ZId, registrationId: ZId });
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
export const ZDraftTestFire = z
  .object({
    type: ZTriggerType,
    parameters: ZDataSourceTriggerParameters,
    callbackUrl: ZCallbackUrl,
    signingSecret: ZSigningSecretInput.optional(),
  })
  .strict();
export type TDraftTestFire = z.infer<typeof ZDraftTestFire>;

/** The attempt's outcome plus the secret it was signed with; pass the secret on to create. */
export type TDraftTestFireResult = { attempt: TDeliveryAttempt; signingSecret: string };
