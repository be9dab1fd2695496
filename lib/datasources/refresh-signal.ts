import { EventEmitter } from "node:events";

// In-process wake-up: a refresh requested in the worker process (scheduler, seed, tests)
// starts without waiting for the next poll. Other processes rely on polling.
const signal = new EventEmitter();
signal.setMaxListeners(100);

export const signalRefreshRequested = () => {
  signal.emit("requested");
};

export const onRefreshRequested = (listener: () => void) => {
  signal.on("requested", listener);
  return () => signal.off("requested", listener);
};
