"use client";

import { createContext, useContext, useMemo, useSyncExternalStore } from "react";
import type { Role } from "../../auth/principal";
import { type Action, can } from "./permissions";
import { getSession, type SignedInSession, subscribeToSession } from "./session-store";

export type CurrentUser = {
  name: string;
  username: string;
  tenantId: string;
  /** null when the tokens grant no app role. */
  role: Role | null;
};

const toUser = (session: SignedInSession | null): CurrentUser | null =>
  session ? { name: session.name, username: session.username, tenantId: session.tenantId, role: session.role } : null;

const CurrentUserContext = createContext<CurrentUser | null>(null);

/**
 * The signed-in user of this tab, from the session MSAL wrote (session-store.ts); it follows every
 * token MSAL hands out, so a changed role shows without a reload.
 */
export const CurrentUserProvider = ({ children }: { children: React.ReactNode }) => {
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  const user = useMemo(() => toUser(session), [session]);
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
};

export const useCurrentUser = () => useContext(CurrentUserContext);

/** Whether the signed-in user may take an action. */
export const useCan = (action: Action) => can(useCurrentUser()?.role ?? null, action);
