import { resolveBearerPrincipal } from "./resolve-bearer-principal";

export { type Principal, type Role, hasRole, roles } from "./roles";

/** The seeded Contoso admin's user id (the embedded provider's `sub` for admin@contoso.example). Not used to authenticate. */
export const DEMO_ADMIN_ID = "user-contoso-admin";

/**
 * Who is calling: the subject, tenant and role of the request's bearer access token, verified
 * against the configured issuer (embedded provider or Microsoft Entra ID). Throws 401/403/503 AppErrors.
 */
export const resolvePrincipal = resolveBearerPrincipal;
