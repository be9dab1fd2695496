import type { Role } from "../auth/roles";
import type { DestinationScope } from "./scope";

/** The instance, and what the caller may see of its destinations. */
export type DestinationReader = DestinationScope & { role: Role };

/** Admins see every destination with its endpoint; everyone else the shared ones, by name and type. */
export const isDestinationAdmin = (reader: { role: Role }) => reader.role === "Admin";

/** The destinations a reader may see (and use): all for Admins, else those shared with everyone. */
export const visibleTo = (reader: { role: Role }) => (isDestinationAdmin(reader) ? {} : { visibility: "everyone" });
