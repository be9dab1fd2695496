import { AppError } from "../api/errors";
import { getDb } from "../db/client";

export const roles = ["Viewer", "Contributor", "Admin"] as const;
export type Role = (typeof roles)[number];

export type Principal = {
  userId: string;
  tenantId: string;
  role: Role;
  displayName: string;
};

export const hasRole = (principal: Principal, required: Role) =>
  roles.indexOf(principal.role) >= roles.indexOf(required);

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
