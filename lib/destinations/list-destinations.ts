import { getDb } from "../db/client";
import { type DestinationReader, isDestinationAdmin, visibleTo } from "./destination-scope";
import type { TDestinationView } from "./schemas";
import { destinationColumns, toDestinationDto, toDestinationSummary } from "./to-destination-dto";

const byName = [{ displayName: "asc" as const }, { id: "asc" as const }];

/**
 * The instance's destinations by name. Admins: all, with endpoint, status, trigger count and last
 * delivery. Everyone else: those shared with everyone, by id, name and type only (enough to choose one).
 */
export const listDestinations = async (reader: DestinationReader): Promise<TDestinationView[]> => {
  const where = { tenantId: reader.tenantId, instanceId: reader.instanceId, ...visibleTo(reader) };
  if (!isDestinationAdmin(reader)) {
    const rows = await getDb().destination.findMany({ where, orderBy: byName, select: { id: true, displayName: true, type: true } });
    return rows.map(toDestinationSummary);
  }
  const rows = await getDb().destination.findMany({ where, orderBy: byName, select: destinationColumns });
  return rows.map(toDestinationDto);
};
