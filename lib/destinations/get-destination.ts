import { getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import { type DestinationReader, isDestinationAdmin, visibleTo } from "./destination-scope";
import type { TDestinationView } from "./schemas";
import { destinationColumns, toDestinationDto, toDestinationSummary } from "./to-destination-dto";

/** One destination: whole for Admins; else its summary when shared with everyone, and 404 when not. */
export const getDestination = async (reader: DestinationReader, destinationId: string): Promise<TDestinationView> => {
  const row = await getDb().destination.findFirst({
    where: { id: destinationId, tenantId: reader.tenantId, instanceId: reader.instanceId, ...visibleTo(reader) },
    select: destinationColumns,
  });
  if (!row) throw notFound("destination");
  return isDestinationAdmin(reader) ? toDestinationDto(row) : toDestinationSummary(row);
};
