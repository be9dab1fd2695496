/** Every failure the API reports, with the HTTP status it maps to. */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // A replay for a registration whose endpoint said it no longer exists; resume it first.
  registration_gone: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  callback_url_refused: 422,
  internal_error: 500,
  // The sign-in service (its signing keys) could not be reached; not the caller's fault.
  identity_unavailable: 503,
  // The database stayed busy past the bounded wait; nothing was written, retrying works.
  database_busy: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** The one error type of the product. Its message is safe to show to the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Sent as Retry-After: when trying again makes sense (503, 429). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, details?: unknown, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
