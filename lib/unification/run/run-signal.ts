import { createWakeSignal } from "../../events/wake-signal";

// In-process wake-up: a unification requested in the worker's process (scheduler, seed, tests)
// starts without waiting for the next poll. Other processes rely on polling.
const unificationRequested = createWakeSignal("unification requested");

export const signalUnificationRequested = unificationRequested.notify;

export const onUnificationRequested = unificationRequested.on;

// A unification run ended in this process: a full refresh job waiting for it (lib/refresh-jobs) looks now.
const unificationEnded = createWakeSignal("unification ended");

export const signalUnificationEnded = unificationEnded.notify;

export const onUnificationEnded = unificationEnded.on;
