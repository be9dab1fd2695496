import { pathRefusalReasons } from "../errors/app-error";

/**
 * Why a refresh could not read its CSV. The message is English, for API clients and the
 * `datasource.refresh.failed` event; the run also keeps `details` (a `reason` and the values
 * its sentence needs), from which the UI shows the catalog's sentence in the user's language.
 */
export const refreshErrorCodes = [
  "no_upload",
  "file_missing",
  "file_unreadable",
  "path_refused",
  "url_refused",
  "url_unreachable",
  "http_error",
  "too_large",
  "empty_file",
  "csv_malformed",
  "missing_columns",
  "internal_error",
  "interrupted",
] as const;
export type TRefreshErrorCode = (typeof refreshErrorCodes)[number];

/** The situations within one code that a user must tell apart (`details.reason`). */
export const refreshErrorReasons = {
  file_missing: ["not_found", "not_a_file", "no_path"],
  path_refused: pathRefusalReasons,
  // A subset of the URL refusal reasons of callbacks (same sentences), plus a source saved without one.
  url_refused: ["invalid_url", "credentials", "scheme", "private_address", "resolves_to_private", "no_url"],
  url_unreachable: ["timeout", "host_not_found", "connection_refused", "tls_failed"],
  http_error: ["redirect", "status"],
  too_large: ["url", "file"],
  csv_malformed: [
    "not_utf8",
    "quote_not_closed",
    "text_after_closing_quote",
    "quote_in_unquoted_field",
    "field_count",
    "unnamed_column",
    "duplicate_column",
  ],
  internal_error: ["saving", "unexpected", "unsupported_kind"],
} as const satisfies Partial<Record<TRefreshErrorCode, readonly string[]>>;

type ReasonOf<C extends TRefreshErrorCode> = C extends keyof typeof refreshErrorReasons ? (typeof refreshErrorReasons)[C][number] : never;

/** Stored on the run next to the English message (DataSourceRun.errorDetails). */
export type TRefreshErrorDetails = { reason?: string } & Record<string, string | number | string[]>;

export class RefreshError<C extends TRefreshErrorCode = TRefreshErrorCode> extends Error {
  readonly code: C;
  readonly details?: TRefreshErrorDetails;

  constructor(code: C, message: string, details?: { reason?: ReasonOf<C> } & Record<string, string | number | string[]>) {
    super(message);
    this.name = "RefreshError";
    this.code = code;
    this.details = details;
  }

  toJSON() {
    return { code: this.code, message: this.message };
  }
}

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
