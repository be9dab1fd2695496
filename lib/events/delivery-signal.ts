import { createWakeSignal } from "./wake-signal";

// In-process wake-up: code that commits new deliveries in the worker process (refresh
// runs, through commitWithEvents) signals the delivery loop so the first attempt does not
// wait for the next poll.
const deliveriesPending = createWakeSignal("deliveries pending");

/**
 * Across processes, on PostgreSQL: the outbox notifies this channel in the transaction that
 * commits new deliveries, and delivery workers listen on it.
 */
export const DELIVERY_CHANNEL = "ai_delivery_pending";

export const signalDeliveriesPending = deliveriesPending.notify;

export const onDeliveriesPending = deliveriesPending.on;
