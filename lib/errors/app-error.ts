/** Every failure the API reports, with the HTTP status it maps to. */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  // The address exists but does not answer this HTTP method; the response's Allow header lists those it does.
  method_not_allowed: 405,
  conflict: 409,
  // A replay for a registration whose endpoint said it no longer exists; resume it first.
  registration_gone: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  callback_url_refused: 422,
  // A Power Automate connection made more calls than its window allows (lib/rate-limit); Retry-After says when to go on.
  rate_limited: 429,
  internal_error: 500,
  // The sign-in service (its signing keys) could not be reached; not the caller's fault.
  identity_unavailable: 503,
  // The database stayed busy past the bounded wait; nothing was written, retrying works.
  database_busy: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * Why a URL or file path may not be used: shared by callback URLs (callback_url_refused), data
 * source locations (validation_failed) and refresh runs, so each has one sentence in the catalogs.
 */
export const urlRefusalReasons = [
  "invalid_url",
  "credentials",
  "scheme",
  "http_not_allowed",
  "private_address",
  "resolves_to_private",
  "unresolvable",
] as const;
export type TUrlRefusalReason = (typeof urlRefusalReasons)[number];

export const pathRefusalReasons = ["invalid_character", "outside_directory", "symlink_outside"] as const;
export type TPathRefusalReason = (typeof pathRefusalReasons)[number];

/**
 * The situations within one code that a user must tell apart. The server puts one of them in
 * `details.reason` (with the values its sentence needs next to it); the UI shows the catalog
 * entry of code and reason instead of the English message, which stays for API clients.
 */
export const errorReasons = {
  // not_owner: a Power Automate subscription that another user's (or client's) token created.
  forbidden: ["role_required", "no_role", "not_owner"],
  conflict: [
    "delivery_in_flight",
    "upload_only",
    "name_taken",
    "refresh_queuing",
    "unification_queuing",
    "refresh_job_queuing",
    // Cancelling a full refresh job that already ended (`details.status`).
    "refresh_job_finished",
    "cannot_pause",
    "cannot_resume",
    // A data source that triggers watch (`details.triggers`: their ids and display names).
    "data_source_in_use",
    "segment_name_taken",
    "measure_name_taken",
    // A segment that triggers or measures use (`details.triggers`, `details.measures`: ids and names).
    "segment_in_use",
    // A segment whose stored rule today's schema no longer reads (`details.name`): its members cannot be counted.
    "segment_rule_invalid",
    // A measure that triggers watch (`details.triggers`).
    "measure_in_use",
    // A destination that triggers send to (`details.name`, `details.triggers`: their ids and display names).
    "destination_in_use",
    "destination_name_taken",
  ],
  validation_failed: [
    "invalid_cursor",
    "file_missing",
    "file_empty",
    "data_source_not_in_instance",
    "segment_not_in_instance",
    "measure_not_in_instance",
    // A destinationId of another instance, or not shared with the caller (`details.issues` on destinationId).
    "destination_not_available",
    // A data source's location (`details.field: "location"`), refused like a URL or file path.
    ...urlRefusalReasons,
    "invalid_character",
    "outside_directory",
  ],
  payload_too_large: ["body_too_large", "file_too_large"],
  callback_url_refused: urlRefusalReasons,
} as const satisfies Partial<Record<ErrorCode, readonly string[]>>;

export type ErrorReason<C extends ErrorCode> = C extends keyof typeof errorReasons ? (typeof errorReasons)[C][number] : never;

/** What a 404 is about (`details.resource`), so the UI can name it in the user's language. */
export const notFoundResources = ["instance", "triggerRegistration", "delivery", "dataSource", "dataSourceRun", "unificationRun", "customerProfile", "segment", "measure", "refreshJob", "destination"] as const;
export type NotFoundResource = (typeof notFoundResources)[number];

export type ErrorDetails<C extends ErrorCode = ErrorCode> = { reason?: ErrorReason<C> } & Record<string, unknown>;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * The one error type of the product. Its message is English, for developers and API clients;
 * the UI shows the catalog's sentence for `code` (and `details.reason`) instead.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details?: ErrorDetails<C>;
  /** Sent as Retry-After: when trying again makes sense (503, 429). */
  readonly retryAfterSeconds?: number;

  constructor(code: C, message: string, details?: ErrorDetails<C>, options: { retryAfterSeconds?: number } = {}) {
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

const resourceNames: Record<NotFoundResource, string> = {
  instance: "Instance",
  triggerRegistration: "Trigger registration",
  delivery: "Delivery",
  dataSource: "Data source",
  dataSourceRun: "Refresh run",
  unificationRun: "Unification run",
  customerProfile: "Customer profile",
  segment: "Segment",
  destination: "Destination",
  measure: "Measure",
  refreshJob: "Full refresh job",
};

export const notFound = (resource: NotFoundResource) =>
  new AppError("not_found", `${resourceNames[resource]} was not found.`, { resource });
