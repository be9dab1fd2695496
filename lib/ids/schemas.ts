import { z } from "zod";

// Ids as every route and filter accepts them; safe in a path and a query, so no domain needs another's schemas for them.

export const ZId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");

export const ZInstanceParams = z.object({ instanceId: ZId });
