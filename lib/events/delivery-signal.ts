import { EventEmitter } from "node:events";

// In-process wake-up: code that commits new deliveries in the worker process (refresh
// runs) signals the delivery loop so the first attempt does not wait for the next poll.
const signal = new EventEmitter();
signal.setMaxListeners(100);

export const signalDeliveriesPending = () => {
  signal.emit("pending");
};

export const onDeliveriesPending = (listener: () => void) => {
  signal.on("pending", listener);
  return () => signal.off("pending", listener);
};
