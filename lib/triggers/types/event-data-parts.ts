import { z } from "zod";

// Pieces the event data schemas of several trigger types share. Each type declares its `data`
// schema next to its builder (defineTriggerType checks the builder's result against it at compile
// time), and the connector's x-ms-notification-content is generated from these schemas.

export const ZEventInstance = z.strictObject({ id: z.string(), name: z.string() });

export const ZEventError = z.strictObject({ code: z.string(), message: z.string() });

/** An ISO 8601 timestamp (UTC). */
export const ZEventTime = z.string();
