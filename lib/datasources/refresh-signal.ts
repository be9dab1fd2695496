import { createWakeSignal } from "../events/wake-signal";

// In-process wake-up: a refresh requested in the worker process (scheduler, seed, tests)
// starts without waiting for the next poll. Other processes rely on polling.
const refreshRequested = createWakeSignal("refresh requested");

export const signalRefreshRequested = refreshRequested.notify;

export const onRefreshRequested = refreshRequested.on;

// A refresh run ended in this process: a full refresh job waiting for it (lib/refresh-jobs) looks now.
const refreshEnded = createWakeSignal("refresh ended");

export const signalRefreshEnded = refreshEnded.notify;

export const onRefreshEnded = refreshEnded.on;
