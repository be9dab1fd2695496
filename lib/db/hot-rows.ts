/**
 * The timestamps of a trigger registration that every event or delivery touches (lastFiredAt
 * in the outbox on PostgreSQL, lastDeliveryAt in the attempt log) are kept to this resolution:
 * a registration firing 1,000 times a second would otherwise be one hot row, rewritten (and
 * locked until commit) by every event.
 */
export const HOT_ROW_RESOLUTION_MS = 1_000;
