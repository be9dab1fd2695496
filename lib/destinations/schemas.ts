import { z } from "zod";
import { ZId } from "../ids/schemas";
import { ZCallbackUrl, ZSigningSecretInput } from "./endpoint-schemas";
import { exportDestinationTypes } from "./vocabulary";

// Shapes of export destinations, shared by the API and the screens that manage them. One schema per shape.

export { exportDestinationTypes, type TExportDestinationType } from "./vocabulary";
export const ZExportDestinationType = z.enum(exportDestinationTypes);

/** Who may set up triggers on a destination (and see it): everyone with a role, or Admins only. */
export const destinationVisibilities = ["everyone", "admins"] as const;
export const ZDestinationVisibility = z.enum(destinationVisibilities);
export type TDestinationVisibility = z.infer<typeof ZDestinationVisibility>;

export const ZDestinationName = z
  .string()
  .trim()
  .min(1, "Give the destination a name.")
  .max(120, "Keep the name under 120 characters.");

export const ZCreateDestination = z
  .object({
    displayName: ZDestinationName,
    type: ZExportDestinationType,
    endpoint: ZCallbackUrl,
    visibility: ZDestinationVisibility.default("everyone"),
    /** A secret the receiver already checks (a migrated endpoint); else one is generated. */
    signingSecret: ZSigningSecretInput.optional(),
  })
  .strict();
export type TCreateDestination = z.infer<typeof ZCreateDestination>;

/** The type never changes; `rotateSecret: true` makes a new signing secret, answered once. */
export const ZUpdateDestination = z
  .object({
    displayName: ZDestinationName.optional(),
    endpoint: ZCallbackUrl.optional(),
    visibility: ZDestinationVisibility.optional(),
    rotateSecret: z.literal(true).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, "Nothing to update.");
export type TUpdateDestination = z.infer<typeof ZUpdateDestination>;

/**
 * How its triggers are doing: failing when one is, active when one sends, inactive when all are
 * paused, disabled or gone, unused when none uses it.
 */
export const destinationStatuses = ["active", "failing", "inactive", "unused"] as const;
export const ZDestinationStatus = z.enum(destinationStatuses);
export type TDestinationStatus = z.infer<typeof ZDestinationStatus>;

/** What everyone may know of a destination shared with them (and of a registration's): enough to choose it. */
export const ZDestinationSummary = z
  .object({ id: z.string(), displayName: z.string(), type: z.enum(exportDestinationTypes) })
  .meta({ id: "DestinationSummary" });
export type TDestinationSummary = z.infer<typeof ZDestinationSummary>;

/** A destination as Admins see it (never its secret). */
export const ZDestination = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    displayName: z.string(),
    type: ZExportDestinationType,
    endpoint: z.string(),
    visibility: ZDestinationVisibility,
    ownerId: z.string(),
    status: ZDestinationStatus,
    /** How many trigger registrations send to it. */
    triggerCount: z.number().int(),
    /** The latest delivery any of its triggers made. */
    lastDeliveryAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Destination" });
export type TDestination = z.infer<typeof ZDestination>;

/** Admins get the whole destination; everyone else its summary. */
export const ZDestinationView = z.union([ZDestination, ZDestinationSummary]);
export type TDestinationView = z.infer<typeof ZDestinationView>;

export const ZCreatedDestination = z
  .object({ destination: ZDestination, signingSecret: z.string() })
  .meta({ id: "CreatedDestination" });
export type TCreatedDestination = z.infer<typeof ZCreatedDestination>;

/** `signingSecret` only when the update rotated it: shown this once. */
export const ZUpdatedDestination = z.object({ destination: ZDestination, signingSecret: z.string().optional() });
export type TUpdatedDestination = z.infer<typeof ZUpdatedDestination>;

export const ZDestinationParams = z.object({ instanceId: ZId, destinationId: ZId });

/** `withTriggers=true` deletes the triggers that use it in the same transaction. */
export const ZDeleteDestinationQuery = z
  .object({ withTriggers: z.enum(["true", "false"]).optional() })
  .strict();
export type TDeleteDestinationQuery = z.infer<typeof ZDeleteDestinationQuery>;
