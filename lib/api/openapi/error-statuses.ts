import type { Operation } from "../operation";

/**
 * The error statuses an operation may answer, derived from its shape so no one has to list
 * them: a token → 401/403 (and 503 while the sign-in service is unreachable; 429 for a Power
 * Automate connection past its 100 calls per 60 s, lib/rate-limit), an instance in the
 * path → 404, params or query → 422, a JSON body → 400/413/415/422, plus its declared domain
 * errors. Every operation may answer 500; every one that needs a token may answer 503 (the sign-in service
 * unreachable, or the database staying busy): the public ones touch neither.
 */
export const errorStatusesOf = (operation: Operation): number[] => {
  const statuses = new Set<number>([500]);
  if (operation.role !== "Public") [401, 403, 429, 503].forEach((s) => statuses.add(s));
  if (operation.path.includes("{instanceId}")) statuses.add(404);
  if (operation.params || operation.query) statuses.add(422);
  if (operation.body && operation.body !== "raw") [400, 413, 415, 422].forEach((s) => statuses.add(s));
  for (const status of operation.errors ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
};
