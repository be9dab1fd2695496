import type { Db, DbTransaction } from "../db/client";
import { type WriteOptions, writeTransaction } from "../db/write-transaction";
import { signalDeliveriesPending } from "./delivery-signal";
import { type EnqueuedEvent, type EventInput, enqueueEvent } from "./enqueue-event";

/** Enqueues one event in the producer's transaction (see enqueueEvent). */
export type EmitEvent = (event: EventInput, now?: Date) => Promise<EnqueuedEvent | null>;

/**
 * The one way a producer commits a result with its events: `work` writes the result through
 * `tx` and enqueues its events with `emit`, all in ONE writeTransaction, so they commit or
 * roll back together. Only after the commit, and only when some event found a registration,
 * are this process's delivery workers woken (other processes hear enqueueEvent's pg_notify
 * on PostgreSQL, or poll). A rollback wakes nobody.
 */
export const commitWithEvents = async <T>(
  db: Db,
  work: (tx: DbTransaction, emit: EmitEvent) => Promise<T>,
  options?: WriteOptions,
): Promise<T> => {
  let deliveriesEnqueued = false;
  const result = await writeTransaction(
    db,
    (tx) => {
      // writeTransaction may rerun `work`; only the attempt that commits counts.
      deliveriesEnqueued = false;
      return work(tx, async (event, now) => {
        const enqueued = await enqueueEvent(tx, event, now);
        if (enqueued) deliveriesEnqueued = true;
        return enqueued;
      });
    },
    options,
  );
  if (deliveriesEnqueued) signalDeliveriesPending();
  return result;
};
