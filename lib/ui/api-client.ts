// Typed fetch helpers for the app's API. The server's `{ error: { code, message, details } }` body becomes
// an ApiError; the UI shows it by code and details from the catalogs (lib/i18n/error-messages.ts), never
// by its English message. Failures without such a body get a client-side code so the UI can explain them
// in the user's language too. Every call carries the signed-in user's access token.

import { acquireApiToken, reauthenticate } from "./auth/api-token";
import { SignInRequiredError } from "./auth/sign-in-required-error";

export type ApiErrorCode = string | "network_error" | "unexpected_response" | "sign_in_required" | "sign_in_failed";

const clientCodes = new Set<string>(["network_error", "unexpected_response", "sign_in_required", "sign_in_failed"]);

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details?: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True when the error came from the server (its code is one of the API's), not from the call itself. */
  get fromServer() {
    return !clientCodes.has(this.code);
  }
}

const readErrorBody = (body: unknown): { code: string; message: string; details?: unknown } | null => {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return null;
  const { code, message, details } = error as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string" ? { code, message, details } : null;
};

const bearerToken = async (forceRefresh: boolean) => {
  try {
    return await acquireApiToken({ forceRefresh });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (cause instanceof SignInRequiredError) throw new ApiError(401, "sign_in_required", message);
    throw new ApiError(0, "sign_in_failed", message);
  }
};

const send = async (method: string, url: string, token: string, init: { json?: unknown; body?: BodyInit }) => {
  try {
    return await fetch(url, {
      method,
      headers: {
        accept: "application/json",
        authorization: `Bearer ${token}`,
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
      cache: "no-store",
    });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : String(cause));
  }
};

export const request = async <T>(method: string, url: string, init: { json?: unknown; body?: BodyInit } = {}): Promise<T> => {
  let response = await send(method, url, await bearerToken(false), init);
  if (response.status === 401) {
    // The cached token may have been revoked or signed with a rotated key: one fresh token, then sign in again.
    response = await send(method, url, await bearerToken(true), init);
    if (response.status === 401) await reauthenticate();
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page, say): handled below by status.
  }
  if (!response.ok) {
    const error = readErrorBody(body);
    if (error) throw new ApiError(response.status, error.code, error.message, error.details);
    throw new ApiError(response.status, "unexpected_response", `HTTP ${response.status}`);
  }
  if (body === undefined) throw new ApiError(response.status, "unexpected_response", `HTTP ${response.status}`);
  return body as T;
};

export const apiGet = <T>(url: string) => request<T>("GET", url);
export const apiPost = <T>(url: string, json: unknown = {}) => request<T>("POST", url, { json });
export const apiPut = <T>(url: string, json: unknown) => request<T>("PUT", url, { json });
export const apiPatch = <T>(url: string, json: unknown) => request<T>("PATCH", url, { json });
export const apiDelete = (url: string) => request<void>("DELETE", url);

/** Multipart upload: the browser sets the boundary, so no content-type header here. */
export const apiUpload = <T>(url: string, field: string, file: File) => {
  const form = new FormData();
  form.append(field, file, file.name);
  return request<T>("POST", url, { body: form });
};
