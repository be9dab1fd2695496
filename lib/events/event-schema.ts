import { z } from "zod";
import { triggerTypeDefinitions } from "../triggers/types";
import type { TTriggerType } from "../triggers/types/vocabulary";

/**
 * The body every delivery of an event of this type carries (EventEnvelope, ./event-envelope.ts),
 * as a schema: the envelope around the type's own `data` schema. The connector declares it to
 * Power Automate as the trigger's output (x-ms-notification-content).
 */
export const eventSchemaOf = <T extends TTriggerType>(type: T) =>
  z.strictObject({
    id: z.string().describe("The event's id; also the webhook-id header of its delivery, stable across retries."),
    type: z.literal(type).describe("The event's type."),
    timestamp: z.string().describe("When the event happened (ISO 8601, UTC)."),
    instanceId: z.string().describe("The instance the event happened in."),
    test: z.boolean().describe("True for a test-fire's sample event."),
    data: triggerTypeDefinitions[type].data as (typeof triggerTypeDefinitions)[T]["data"],
  });
