import { AppError } from "../errors/app-error";
import type { TTriggerParameters } from "./schemas";
import { triggerTypeDefinitions } from "./types";
import type { TTriggerType } from "./types/vocabulary";

/**
 * A registration's parameters checked against its type's schema, for a PATCH (which carries no
 * type: the stored one decides). Refused the way a body that fails its schema is refused, with
 * the issues' paths under `parameters`.
 */
export const parseParameters = (type: TTriggerType, value: unknown): TTriggerParameters => {
  const result = triggerTypeDefinitions[type].parameters.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: ["parameters", ...issue.path].join("."), message: issue.message }));
  throw new AppError("validation_failed", `Invalid request body. ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
};
