/**
 * Why a unification run failed. The message is English, for API clients and the
 * `unification.refresh.completed` event; the run also keeps `details` (a `reason` and the values
 * its sentence needs), from which the UI shows the catalog's sentence (`unificationError.*`).
 */
export const unificationErrorCodes = [
  // The configuration maps no data source: there is nothing to unify.
  "not_configured",
  // A mapped data source has never been refreshed successfully: it has no rows to read.
  "source_not_refreshed",
  // Columns the mapping names are not in the data source's rows (details: name, columns).
  "missing_columns",
  "internal_error",
  "interrupted",
] as const;
export type TUnificationErrorCode = (typeof unificationErrorCodes)[number];

/** The situations within one code that a user must tell apart (`details.reason`). */
export const unificationErrorReasons = {
  internal_error: ["saving", "unexpected"],
} as const satisfies Partial<Record<TUnificationErrorCode, readonly string[]>>;

type ReasonOf<C extends TUnificationErrorCode> = C extends keyof typeof unificationErrorReasons ? (typeof unificationErrorReasons)[C][number] : never;

export type TUnificationErrorDetails = { reason?: string } & Record<string, string | number | string[]>;

export class UnificationError<C extends TUnificationErrorCode = TUnificationErrorCode> extends Error {
  readonly code: C;
  readonly details?: TUnificationErrorDetails;

  constructor(code: C, message: string, details?: { reason?: ReasonOf<C> } & Record<string, string | number | string[]>) {
    super(message);
    this.name = "UnificationError";
    this.code = code;
    this.details = details;
  }
}
