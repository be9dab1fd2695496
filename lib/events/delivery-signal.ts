import { EventEmitter } from "node:events";

// In-process wake-up: code that commits new deliveries in the worker process (refresh
// runs) signals the delivery loop so the first attempt does not wait for the next poll.
const signal = new EventEmitter();
signal.setMaxListeners(100);

/**
 * Across processes, on PostgreSQL: the outbox notifies this channel in the transaction that
 * commits new deliveries, and delivery workers listen on it.
 */
export const DELIVERY_CHANNEL = "ai_delivery_pending";

export const signalDeliveriesPending = () => {
  signal.emit("pending");
};

export const onDeliveriesPending = (listener: () => void) => {
  signal.on("pending", listener);
  return () => signal.off("pending", listener);
};
