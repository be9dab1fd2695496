import { z } from "zod";

export const ZInstance = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).meta({ id: "Instance" });
export type TInstance = z.infer<typeof ZInstance>;
