import { z } from "zod";
import { ZId } from "../ids/schemas";
import { triggerTypeDefinitions } from "./types";
import { type TTriggerOperationId, triggerOperationIds } from "./types/connector-operations";
import { type TTriggerType } from "./types/vocabulary";
import { type ParametersSchemaOf, ZCallbackUrl, ZDisplayName, ZTriggerRegistration } from "./schemas";

// Power Automate's webhook subscriptions (the connector's six triggers, SPEC §5): a subscription is
// a trigger registration with origin and destination "powerAutomate". Its body is the trigger
// type's own parameters (one source of truth: lib/triggers/types) plus the callback URL Power
// Automate fills in (x-ms-notification-url) and an optional name.

/**
 * The static path segment of each type's subscribe address. The operationIds are the connector's
 * (lib/connector/trigger-operations.ts, which the wizard's hand-off reads too).
 */
export const subscriptionPathSegments = {
  "datasource.refresh.failed": "data-source-refresh-failed",
  "datasource.refresh.succeeded": "data-source-refresh-succeeded",
  "segment.threshold.crossed": "segment-threshold-crossed",
  "measure.threshold.crossed": "measure-threshold-crossed",
  "refresh.full.completed": "full-refresh-completed",
  "unification.refresh.completed": "unification-completed",
} as const satisfies Record<TTriggerType, string>;

/** The trigger type a subscribe operation subscribes to, by its operationId. */
export const triggerTypeOfOperation = Object.fromEntries(
  Object.entries(triggerOperationIds).map(([type, operationId]) => [operationId, type]),
) as Record<TTriggerOperationId, TTriggerType>;


const subscriptionFields = {
  callbackUrl: ZCallbackUrl,
  /** The registration's name in the app; default: the trigger's name with "(Power Automate)". */
  displayName: ZDisplayName.optional(),
};

/**
 * The subscribe body of a type. A data source trigger's `dataSourceId` may be left out here
 * (Power Automate omits an empty dropdown): that means any data source, as null does.
 */
export const subscriptionBodyOf = <T extends TTriggerType>(type: T) => {
  const parameters = triggerTypeDefinitions[type].parameters as z.ZodObject;
  const relaxed = "dataSourceId" in parameters.shape ? parameters.extend({ dataSourceId: ZId.nullable().optional() }) : parameters;
  // Typed by hand: zod cannot follow the extend of a type picked at run time.
  return relaxed.extend(subscriptionFields).strict() as unknown as z.ZodType<TSubscribeBody<T>>;
};

export type TSubscribeBody<T extends TTriggerType> = Omit<z.output<ParametersSchemaOf<T>>, "dataSourceId"> & {
  dataSourceId?: string | null;
  callbackUrl: string;
  displayName?: string;
};

export const ZSubscriptionParams = z.object({ instanceId: ZId, subscriptionId: ZId });

/** The answer to a subscribe: the registration's id (also the Location's last segment) and its signing secret. */
export const ZSubscription = z
  .object({
    id: z.string().describe("The subscription's id: the trigger registration Power Automate unsubscribes with DELETE."),
    signingSecret: z.string().describe("The Standard Webhooks secret (whsec_…) the deliveries are signed with."),
    registration: ZTriggerRegistration,
  })
  .meta({ id: "Subscription" });
export type TSubscription = z.infer<typeof ZSubscription>;
