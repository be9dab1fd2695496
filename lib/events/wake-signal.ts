import { EventEmitter } from "node:events";

export type WakeSignal = {
  /** Wakes every listener of this process now; nobody listening, nothing happens. */
  notify: () => void;
  /** Returns the function that stops listening. */
  on: (listener: () => void) => () => void;
};

/**
 * An in-process wake-up: work committed in this process tells the loop that handles it to
 * look now instead of at its next poll. It carries no data and is not remembered, so a loop
 * must still poll for work created elsewhere or before it listened.
 */
export const createWakeSignal = (name: string): WakeSignal => {
  const emitter = new EventEmitter();
  // One listener per loop; tests and benchmarks start many loops in one process.
  emitter.setMaxListeners(100);
  return {
    notify: () => {
      emitter.emit(name);
    },
    on: (listener) => {
      emitter.on(name, listener);
      return () => {
        emitter.off(name, listener);
      };
    },
  };
};
