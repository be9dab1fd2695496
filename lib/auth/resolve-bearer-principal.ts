import { AppError } from "../errors/app-error";
import { getAuthConfig } from "./auth-config";
import { ensureTenant } from "./ensure-tenant";
import { readBearerToken } from "./read-bearer-token";
import { type Principal, highestRole } from "./roles";
import { verifyAccessToken } from "./verify-access-token";

/**
 * The caller, from the request's bearer access token: 401 (missing or invalid token, unknown tenant),
 * 403 (valid token without any of the product's roles), 503 (the issuer's keys are unreachable).
 */
export const resolveBearerPrincipal = async (req: Request): Promise<Principal> => {
  const token = readBearerToken(req);
  const claims = await verifyAccessToken(token);
  const role = highestRole(claims.roles);
  if (!role) {
    throw new AppError(
      "forbidden",
      "Your account has no role in Audience Insights (Admin, Contributor or Viewer). Ask your administrator to assign one.",
      { reason: "no_role" },
    );
  }
  await ensureTenant(claims.tid, getAuthConfig().mode);
  return {
    userId: claims.sub,
    tenantId: claims.tid,
    role,
    displayName: claims.name ?? claims.preferredUsername ?? claims.clientId ?? claims.sub,
    ...(claims.clientId ? { clientId: claims.clientId } : {}),
  };
};
