"use client";

import { useAccount, useMsal } from "@azure/msal-react";
import { createContext, useContext, useEffect, useState } from "react";
import type { Role } from "../../auth/principal";
import { acquireApiToken, readTokenClaims } from "./api-token";
import { type Action, can, roleFromClaim } from "./permissions";

export type CurrentUser = {
  name: string;
  username: string;
  tenantId: string;
  /** null until known, and when the token grants no app role. */
  role: Role | null;
  /** False while the role is still being read from the access token. */
  roleKnown: boolean;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The signed-in user as the ID token describes them. The role comes from the ID token when it has
 * `roles`, else from the API access token (what the API itself checks).
 */
const useResolvedUser = (): CurrentUser | null => {
  const { instance } = useMsal();
  const account = useAccount(instance.getActiveAccount() ?? undefined);
  const claims = (account?.idTokenClaims ?? {}) as Record<string, unknown>;
  const idTokenRole = roleFromClaim(claims.roles);
  const [accessClaims, setAccessClaims] = useState<Record<string, unknown> | null>(null);
  const homeAccountId = account?.homeAccountId;

  useEffect(() => {
    if (!homeAccountId || idTokenRole) return;
    let cancelled = false;
    acquireApiToken()
      .then((token) => {
        if (!cancelled) setAccessClaims(readTokenClaims(token));
      })
      .catch(() => {
        // The screens' own API calls show the failure (or start the interactive sign-in).
      });
    return () => {
      cancelled = true;
    };
  }, [homeAccountId, idTokenRole]);

  if (!account) return null;
  return {
    name: text(claims.name) || account.name || account.username,
    username: account.username || text(claims.preferred_username),
    tenantId: text(claims.tid) || account.tenantId || text(accessClaims?.tid),
    role: idTokenRole ?? roleFromClaim(accessClaims?.roles),
    roleKnown: idTokenRole !== null || accessClaims !== null,
  };
};

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Resolves the user once for the whole tree (the auth gate renders it around the signed-in app). */
export const CurrentUserProvider = ({ children }: { children: React.ReactNode }) => (
  <CurrentUserContext.Provider value={useResolvedUser()}>{children}</CurrentUserContext.Provider>
);

export const useCurrentUser = () => useContext(CurrentUserContext);

/** Whether the signed-in user may take an action; false while their role is not known yet. */
export const useCan = (action: Action) => can(useCurrentUser()?.role ?? null, action);
