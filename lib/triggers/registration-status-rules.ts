import type { TRegistrationStatus } from "./schemas";

// What a user may do with a registration in each status. Pure, so that the API enforcing a rule
// and the screen offering the action read the same list.

/** Pause: the registration is receiving events (a failing one still is). */
export const pausableStatuses: readonly TRegistrationStatus[] = ["active", "failing"];

/** Resume: the user says the destination works again, after a pause, days of failures, or a 410. */
export const resumableStatuses: readonly TRegistrationStatus[] = ["paused", "disabled", "gone"];

/**
 * Replay is an explicit, one-off send of one past delivery: it works while the registration is
 * paused or disabled and leaves that status alone. Not while it is gone: the endpoint answered
 * that it no longer exists (410, or Power Automate's 404 for a deleted flow), and the Standard
 * Webhooks guidance is to stop sending to it. Resuming the registration first makes replay possible.
 */
export const isReplayAllowed = (status: TRegistrationStatus) => status !== "gone";
