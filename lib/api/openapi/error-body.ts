import { z } from "zod";
import { type ErrorBody, type ErrorCode, errorStatus } from "../../errors/app-error";

/**
 * The one error body of the API, published in the document. app-error.ts stays zod-free (screens
 * read its types), so the schema is built here from its code list and checked against its type.
 */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      /** English, for developers; `code` and `details.reason` tell cases apart. */
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "ErrorBody", description: "Every error: a stable `code`, an English `message`, and `details` (with `reason`) where they help." });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const errorBodySchemaMatchesType: Same<z.infer<typeof ZErrorBody>, ErrorBody> = true;

/** The codes each error status is answered with, so the document can say which ones an operation may see. */
export const codesByStatus = (status: number): ErrorCode[] =>
  (Object.entries(errorStatus) as Array<[ErrorCode, number]>).filter(([, s]) => s === status).map(([code]) => code);
