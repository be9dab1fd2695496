import { createWakeSignal } from "../../events/wake-signal";

// In-process wake-up: a unification requested in the worker's process (scheduler, seed, tests)
// starts without waiting for the next poll. Other processes rely on polling.
const unificationRequested = createWakeSignal("unification requested");

export const signalUnificationRequested = unificationRequested.notify;

export const onUnificationRequested = unificationRequested.on;
