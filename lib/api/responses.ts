import type { AppError, ErrorBody } from "../errors/app-error";

// The API's response helpers. Dependency-free on purpose: proxy.ts answers with them too, and
// must not pull the database or the token verifier into its bundle.

const noStore = { "cache-control": "private, no-store" };

export const json = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(data, { status, headers: { ...noStore, ...headers } });

export const errorResponse = (error: AppError, headers: Record<string, string> = {}) =>
  Response.json(error.toBody() satisfies ErrorBody, {
    status: error.status,
    headers: {
      ...noStore,
      ...(error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) }),
      ...headers,
    },
  });
