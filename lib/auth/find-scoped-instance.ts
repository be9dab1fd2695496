import { type Db, getDb } from "../db/client";

export type ScopedInstance = { id: string; tenantId: string; name: string };

// Every instance-scoped request needs this row; a Prisma round trip costs ~0.5 ms, a third of a
// list request. Instances change rarely, so a found one is reused briefly. The key includes the
// tenant, so the cache can never widen access; misses (another tenant's or unknown ids) are
// never cached, and each database client has its own cache (a test's fresh database starts empty).
const REUSE_FOR_MS = 5_000;
const MAX_ENTRIES = 1_000;
const caches = new WeakMap<Db, Map<string, { instance: ScopedInstance; until: number }>>();

/** The instance with this id in the caller's tenant, or undefined (which the API answers with 404). */
export const findScopedInstance = async (tenantId: string, instanceId: string): Promise<ScopedInstance | undefined> => {
  const db = getDb();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${tenantId}\u0000${instanceId}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.instance;

  const instance = await db.instance.findFirst({
    where: { id: instanceId, tenantId },
    select: { id: true, tenantId: true, name: true },
  });
  if (!instance) {
    cache.delete(key);
    return undefined;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { instance, until: Date.now() + REUSE_FOR_MS });
  return instance;
};
