import { type Db, getDb } from "../db/client";
import type { AuthMode } from "./auth-config";
import { invalidToken } from "./verify-access-token";

// Tenants are never deleted by the product, so a positive answer can be reused for a while
// instead of costing every API request a query. Keyed by the client, so a test's fresh database starts empty.
const KNOWN_FOR_MS = 60_000;
const knownTenants = new WeakMap<Db, Map<string, number>>();

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/**
 * Makes sure the token's tenant exists here. Embedded mode: the provider only issues tokens for
 * tenants in this database, so an unknown tid is a token from elsewhere (or a database reset) and
 * answers 401. Entra mode: the issuer check already limits tokens to the configured directory (or,
 * multi-tenant, to Microsoft's), so a directory's first user provisions its tenant row, named by its tid.
 */
export const ensureTenant = async (tenantId: string, mode: AuthMode): Promise<void> => {
  const db = getDb();
  let known = knownTenants.get(db);
  if (!known) knownTenants.set(db, (known = new Map()));
  if ((known.get(tenantId) ?? 0) > Date.now()) return;

  const existing = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!existing) {
    if (mode === "embedded") throw invalidToken("The access token's tenant is not known to this app. Sign in again.");
    try {
      await db.tenant.create({ data: { id: tenantId, name: tenantId } });
    } catch (error) {
      // Two first requests of a new directory at once: the other one created it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  known.set(tenantId, Date.now() + KNOWN_FOR_MS);
};
