import { createWakeSignal } from "../events/wake-signal";

// In-process wake-up: a full refresh requested in the worker's process (its scheduler, tests)
// starts without waiting for the next poll. Other processes rely on polling.
const refreshJobRequested = createWakeSignal("full refresh requested");

export const signalRefreshJobRequested = refreshJobRequested.notify;

export const onRefreshJobRequested = refreshJobRequested.on;
