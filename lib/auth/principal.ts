import { AppError } from "../api/errors";
import { getDb } from "../db/client";

import type { Principal, Role } from "./roles";

export { type Principal, type Role, hasRole, roles } from "./roles";

export const DEMO_ADMIN_ID = "user-contoso-admin";

/**
 * Who is calling. Until sign-in arrives (MSAL + bearer tokens), every request acts as the
 * seeded demo admin of tenant Contoso; this is the one place that changes then.
 */
export const resolvePrincipal = async (_req: Request): Promise<Principal> => {
  const user = await getDb().user.findUnique({ where: { id: DEMO_ADMIN_ID } });
  if (!user) {
    throw new AppError("unauthorized", "No demo user exists yet. Run `npm run db:seed`.");
  }
  return { userId: user.id, tenantId: user.tenantId, role: user.role as Role, displayName: user.displayName };
};
