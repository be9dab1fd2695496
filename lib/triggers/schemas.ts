import { z } from "zod";
import { ZCallbackUrl, ZSigningSecretInput } from "../destinations/endpoint-schemas";
import { ZDestinationSummary } from "../destinations/schemas";
import { ZId } from "../ids/schemas";
import { type TriggerTypeDefinitions, triggerTypeDefinitions } from "./types";
import { subjects } from "./types/subjects";
import { type TTriggerType, triggerTypes } from "./types/vocabulary";

// Shapes shared by the trigger wizard's forms and the API. One schema per shape.

export { triggerTypes, type TTriggerType } from "./types/vocabulary";
export const ZTriggerType = z.enum(triggerTypes);
// A registration's endpoint and its destination are the destinations' shapes.
export { ZCallbackUrl, ZDestinationSummary, ZSigningSecretInput };
export type { TDestinationSummary } from "../destinations/schemas";

export const registrationStatuses = ["active", "paused", "failing", "disabled", "gone"] as const;
export type TRegistrationStatus = (typeof registrationStatuses)[number];

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, "Give the trigger a name.")
  .max(120, "Keep the name under 120 characters.");

/** The export destination tile a registration was set up from (its destination's type when it has one). */
export const destinationTypes = ["powerAutomate", "webhook", "teams"] as const;
export const ZDestinationType = z.enum(destinationTypes);
export type TDestinationType = z.infer<typeof ZDestinationType>;

/** Parameters of the data source triggers: one data source, or null for any. */
export const ZDataSourceTriggerParameters = subjects.dataSource.parameters;

/** A type's parameters schema: its subject's, and whatever else the type takes. */
export type ParametersSchemaOf<T extends TTriggerType> = TriggerTypeDefinitions[T]["parameters"];
export type TTriggerParameters = { [T in TTriggerType]: z.infer<ParametersSchemaOf<T>> }[TTriggerType];

type Arm<T extends TTriggerType, Before extends z.ZodRawShape, After extends z.ZodRawShape> = z.ZodObject<
  Before & { type: z.ZodLiteral<T>; parameters: ParametersSchemaOf<T> } & After,
  z.core.$strict
>;
type Arms<Before extends z.ZodRawShape, After extends z.ZodRawShape> = { [T in TTriggerType]: Arm<T, Before, After> }[TTriggerType];

/**
 * A body that names a trigger type: one arm per type (discriminated on `type`), each with that
 * type's parameters between the fields every type shares (kept in the order the API has always
 * reported their issues). An unknown type is reported on `type` with the enum's own message.
 */
export const byTriggerType = <Before extends z.ZodRawShape, After extends z.ZodRawShape>(before: Before, after: After) => {
  const arms = triggerTypes.map((type) =>
    z.object({ ...before, type: z.literal(type), parameters: triggerTypeDefinitions[type].parameters, ...after }).strict(),
  ) as unknown as [Arms<Before, After>, ...Arms<Before, After>[]];
  return z.discriminatedUnion("type", arms, {
    error: (issue) =>
      issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator"
        ? ZTriggerType.safeParse(issue.input).error?.issues[0]?.message
        : undefined,
  });
};

/**
 * Where a new registration sends: a destination of the instance (`destinationId`) or an endpoint
 * (`callbackUrl`), exactly one. Reported on callbackUrl, the field the wizard shows.
 */
export const exactlyOneEndpoint = (value: { callbackUrl?: string; destinationId?: string }, ctx: z.core.$RefinementCtx) => {
  if (value.callbackUrl !== undefined && value.destinationId !== undefined) {
    ctx.addIssue({ code: "custom", path: ["callbackUrl"], message: "Choose a destination or enter an endpoint URL, not both." });
  } else if (value.callbackUrl === undefined && value.destinationId === undefined) {
    ctx.addIssue({ code: "custom", path: ["callbackUrl"], message: "Enter the endpoint URL." });
  }
};

export const ZCreateTriggerRegistration = byTriggerType(
  { displayName: ZDisplayName, destinationType: ZDestinationType.default("webhook") },
  {
    callbackUrl: ZCallbackUrl.optional(),
    /** A destination of the instance the caller may use, instead of a callback URL (its type replaces destinationType). */
    destinationId: ZId.optional(),
    /** The secret the wizard's draft test-fire used, so the tested endpoint keeps verifying; else one is generated. */
    signingSecret: ZSigningSecretInput.optional(),
  },
).superRefine(exactlyOneEndpoint);
export type TCreateTriggerRegistration = z.infer<typeof ZCreateTriggerRegistration>;

/**
 * The type never changes, so a PATCH carries no type: its parameters are an object here, checked
 * against the stored registration's type by parseParameters (lib/triggers/parse-parameters.ts).
 */
export const ZUpdateTriggerRegistration = z
  .object({
    displayName: ZDisplayName.optional(),
    parameters: z.looseObject({}).optional(),
    callbackUrl: ZCallbackUrl.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, "Nothing to update.");
export type TUpdateTriggerRegistration = z.infer<typeof ZUpdateTriggerRegistration>;

/** A registration as the API returns it (never its secret). */
export const ZTriggerRegistration = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    displayName: z.string(),
    type: ZTriggerType,
    parameters: z.union(triggerTypes.map((type) => triggerTypeDefinitions[type].parameters) as unknown as [
      ParametersSchemaOf<TTriggerType>,
      ...ParametersSchemaOf<TTriggerType>[],
    ]),
    /** The watched data source's name; null when it watches any, or its type watches no data source. */
    dataSourceName: z.string().nullable(),
    /** The watched subject's name: data source, segment or measure; null when it watches any data source, or the instance. */
    subjectName: z.string().nullable(),
    /** Where events go: its destination's endpoint or its own; null when the caller may not see it (non-Admins, a destination's). */
    callbackUrl: z.string().nullable(),
    /** The destination it sends to; null when it has an endpoint of its own (a Power Automate subscription). */
    destination: ZDestinationSummary.nullable(),
    destinationType: ZDestinationType,
    origin: z.enum(["app", "powerAutomate"]),
    status: z.enum(registrationStatuses),
    /**
     * A threshold trigger's state, read-only: the last value it saw (null: none yet; the next one
     * becomes the baseline) and whether a move over (above) or under (below) the threshold would
     * fire now. Null for the other types.
     */
    thresholdState: z.object({ lastValue: z.number().nullable(), armedAbove: z.boolean(), armedBelow: z.boolean() }).nullable(),
    consecutiveFailures: z.number().int(),
    lastFiredAt: z.string().nullable(),
    lastDeliveryAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "TriggerRegistration" });
export type TTriggerRegistration = z.infer<typeof ZTriggerRegistration>;

/** Returned once, when the registration is created: the only time the secret is shown. */
export const ZCreatedTriggerRegistration = z
  /** signingSecret: shown this once; absent when it was set up on an existing destination (the destination's secret is its Admins'). */
  .object({ registration: ZTriggerRegistration, signingSecret: z.string().optional() })
  .meta({ id: "CreatedTriggerRegistration" });
export type TCreatedTriggerRegistration = z.infer<typeof ZCreatedTriggerRegistration>;

/**
 * Narrows a listing: by origin and type, to the caller's own registrations (`owner=me`), to those
 * created since a moment. The Power Automate hand-off waits with it for the user's new subscription.
 */
export const ZListRegistrationsQuery = z
  .object({
    origin: z.enum(["app", "powerAutomate"]).optional(),
    type: ZTriggerType.optional(),
    owner: z.literal("me").optional(),
    createdSince: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TListRegistrationsQuery = z.infer<typeof ZListRegistrationsQuery>;

// Path shape of the trigger registration routes.
export const ZRegistrationParams = z.object({ instanceId: ZId, registrationId: ZId });
