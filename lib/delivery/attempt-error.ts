import { urlRefusalReasons } from "../errors/app-error";

/**
 * Why a delivery attempt failed, as a code the UI translates. Attempts and deliveries keep the
 * English sentence too (`error`, `lastError`) for API clients; the code and its details are stored
 * next to it (`errorCode`, `errorDetails`) so the trigger's page can say it in the user's language.
 */
export const attemptErrorCodes = [
  // The request never left: the URL or the address it resolves to may not be reached.
  "url_refused",
  "timeout",
  // The connection failed; `reason` names the common causes, `systemCode` holds any other.
  "network",
  "redirect",
  "http_status",
  // 410, or 404 from Power Automate: the registration was marked gone.
  "gone",
  "secret_unreadable",
  // A Teams destination's event that could not be made into a card (lib/delivery/destination-body.ts).
  "card_unbuildable",
] as const;
export type TAttemptErrorCode = (typeof attemptErrorCodes)[number];

export const attemptErrorReasons = {
  url_refused: urlRefusalReasons,
  network: [
    "connection_refused",
    "connection_reset",
    "host_not_found",
    "dns_unavailable",
    "host_unreachable",
    "network_unreachable",
    "connection_closed",
    "tls_expired",
    "tls_self_signed",
    "tls_unverified",
    "tls_host_mismatch",
  ],
  gone: ["endpoint_gone", "flow_deleted"],
} as const satisfies Partial<Record<TAttemptErrorCode, readonly string[]>>;

type ReasonOf<C extends TAttemptErrorCode> = C extends keyof typeof attemptErrorReasons ? (typeof attemptErrorReasons)[C][number] : never;

export type TAttemptErrorDetails = { reason?: string } & Record<string, string | number | string[]>;

/** One failure: the English sentence, and the code and values the UI builds its own sentence from. */
export type AttemptFailure = { message: string; code: TAttemptErrorCode; details: TAttemptErrorDetails | null };

export const attemptFailure = <C extends TAttemptErrorCode>(
  code: C,
  message: string,
  details?: { reason?: ReasonOf<C> } & Record<string, string | number | string[]>,
): AttemptFailure => ({ code, message, details: details ?? null });

/** Stored as JSON text: the attempt log is written with one raw multi-row INSERT on both databases. */
export const encodeErrorDetails = (details: TAttemptErrorDetails | null | undefined): string | null =>
  details ? JSON.stringify(details) : null;

export const decodeErrorDetails = (text: string | null): TAttemptErrorDetails | null => {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TAttemptErrorDetails) : null;
  } catch {
    return null;
  }
};
