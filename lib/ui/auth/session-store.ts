import type { Role } from "../../auth/principal";
import { roleFromClaim } from "./permissions";

// The signed-in session of this tab, as the app needs it to render and to call the API: who the
// user is and the API access token MSAL last issued, with its expiry. MSAL stays the only code that
// talks to the identity provider and owns its own cache; this is a copy it writes whenever it signs
// the user in or hands out a token. Reading it needs no MSAL, so a page of a signed-in tab appears
// and loads its data without downloading MSAL at all; MSAL is loaded on demand when this copy cannot
// serve (no session, a token about to expire, a token the API refused, signing in or out).
// sessionStorage, like MSAL's own cache here: per tab, gone when the tab closes.

export type SignedInSession = {
  homeAccountId: string;
  name: string;
  username: string;
  tenantId: string;
  /** The app role from the ID token's `roles`, else from the access token's; null when neither grants one. */
  role: Role | null;
  /** Empty once the token must not be used again (a redirect to the provider is under way). */
  accessToken: string;
  /** When the access token expires, in epoch milliseconds. */
  expiresOn: number;
};

const SESSION_KEY = "audience-insights.session";
const MSAL_USED_KEY = "audience-insights.msal-used";
/** MSAL itself renews a cached token this long before it expires (its tokenRenewalOffsetSeconds). */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

const storage = () => (typeof window === "undefined" ? null : window.sessionStorage);

const isSession = (value: unknown): value is SignedInSession => {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.homeAccountId === "string" &&
    typeof v.name === "string" &&
    typeof v.username === "string" &&
    typeof v.tenantId === "string" &&
    (v.role === null || roleFromClaim([v.role]) === v.role) &&
    typeof v.accessToken === "string" &&
    typeof v.expiresOn === "number"
  );
};

const parse = (raw: string | null): SignedInSession | null => {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
};

// One parsed value per stored string, so React's useSyncExternalStore sees a stable snapshot.
let cached: { raw: string | null; session: SignedInSession | null } = { raw: null, session: null };
const listeners = new Set<() => void>();

export const getSession = (): SignedInSession | null => {
  const raw = storage()?.getItem(SESSION_KEY) ?? null;
  if (raw !== cached.raw) cached = { raw, session: parse(raw) };
  return cached.session;
};

const notify = () => {
  for (const listener of listeners) listener();
};

export const subscribeToSession = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const saveSession = (session: SignedInSession) => {
  try {
    storage()?.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage full or disabled: MSAL is asked every time instead.
  }
  notify();
};

/** Before leaving for the provider: the token is not used again, the user stays shown until the page unloads. */
export const dropSessionToken = () => {
  const session = getSession();
  if (session) saveSession({ ...session, accessToken: "", expiresOn: 0 });
};

export const clearSession = () => {
  storage()?.removeItem(SESSION_KEY);
  notify();
};

/** The session's access token while it is not about to expire; null otherwise. */
export const usableAccessToken = (session: SignedInSession | null, now = Date.now()) =>
  session?.accessToken && session.expiresOn - now > RENEW_BEFORE_EXPIRY_MS ? session.accessToken : null;

/** MSAL has run in this tab, so its cache may hold an account or a sign-in to finish. */
export const msalUsedInThisTab = () => storage()?.getItem(MSAL_USED_KEY) === "1";

export const markMsalUsed = () => {
  try {
    storage()?.setItem(MSAL_USED_KEY, "1");
  } catch {
    // Without storage MSAL cannot keep a session across pages either.
  }
};
