/**
 * Why a refresh could not read its CSV. The message is shown to users and sent in
 * `datasource.refresh.failed` events, so it says what went wrong and what to do.
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
] as const;
export type TRefreshErrorCode = (typeof refreshErrorCodes)[number];

export class RefreshError extends Error {
  readonly code: TRefreshErrorCode;

  constructor(code: TRefreshErrorCode, message: string) {
    super(message);
    this.name = "RefreshError";
    this.code = code;
  }

  toJSON() {
    return { code: this.code, message: this.message };
  }
}

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
