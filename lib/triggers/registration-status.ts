import { type TRegistrationStatus, registrationStatuses } from "./schemas";

// Server-side: the screens read registration-status-rules.ts, which must stay free of the schemas' zod.

/** A stored status as the API names it (an unknown one reads as disabled: nothing is sent to it). */
export const toRegistrationStatus = (value: string): TRegistrationStatus =>
  (registrationStatuses as readonly string[]).includes(value) ? (value as TRegistrationStatus) : "disabled";
