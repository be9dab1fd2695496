import { getDb } from "../db/client";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor";
import type { TAuditAction, TAuditActor, TAuditEntry, TAuditLogPage, TAuditLogQuery, TAuditTargetType, TFieldChange } from "./schemas";

/** One page of the tenant's audit log, newest first, with a cursor to the next page when there is one. */
export const listAuditEntries = async (tenantId: string, query: TAuditLogQuery): Promise<TAuditLogPage> => {
  const db = getDb();
  const cursor = query.cursor ? decodeAuditCursor(query.cursor) : undefined;
  const createdAt = {
    ...(query.from ? { gte: new Date(query.from) } : {}),
    ...(query.to ? { lte: new Date(query.to) } : {}),
  };
  const rows = await db.auditEntry.findMany({
    where: {
      tenantId,
      ...(query.instanceId ? { instanceId: query.instanceId } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.targetId ? { targetId: query.targetId } : {}),
      ...(query.from || query.to ? { createdAt } : {}),
      ...(cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);

  const instanceIds = [...new Set(page.map((row) => row.instanceId).filter((id): id is string => id !== null))];
  const instances = instanceIds.length
    ? await db.instance.findMany({ where: { tenantId, id: { in: instanceIds } }, select: { id: true, name: true } })
    : [];
  const instanceNames = new Map(instances.map((i) => [i.id, i.name]));

  const entries: TAuditEntry[] = page.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: { id: row.actorId, name: row.actorName },
    action: row.action as TAuditAction,
    target: { type: row.targetType as TAuditTargetType, id: row.targetId, name: row.targetName },
    // A deleted instance keeps its entries; its name is then unknown.
    instance: row.instanceId ? { id: row.instanceId, name: instanceNames.get(row.instanceId) ?? null } : null,
    changes: (row.changes ?? {}) as Record<string, TFieldChange>,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
  return {
    entries,
    nextCursor: rows.length > query.limit && last ? encodeAuditCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
};

/** Everyone who appears in the tenant's audit log, for the actor filter. */
export const listAuditActors = async (tenantId: string): Promise<TAuditActor[]> => {
  const rows = await getDb().auditEntry.groupBy({
    by: ["actorId", "actorName"],
    where: { tenantId },
    orderBy: [{ actorName: "asc" }, { actorId: "asc" }],
    take: 1000,
  });
  // A renamed user appears once, under one of their names.
  const byId = new Map<string, TAuditActor>();
  for (const row of rows) if (!byId.has(row.actorId)) byId.set(row.actorId, { id: row.actorId, name: row.actorName });
  return [...byId.values()];
};
