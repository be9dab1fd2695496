import {
  type TDestination,
  type TDestinationStatus,
  type TDestinationSummary,
  type TDestinationVisibility,
  type TExportDestinationType,
  exportDestinationTypes,
} from "./schemas";

/** What a DTO is read from; the secret is deliberately absent. */
export const destinationColumns = {
  id: true,
  instanceId: true,
  displayName: true,
  type: true,
  endpoint: true,
  visibility: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
  triggerRegistrations: { select: { status: true, lastDeliveryAt: true } },
} as const;

type DestinationRow = {
  id: string;
  instanceId: string;
  displayName: string;
  type: string;
  endpoint: string;
  visibility: string;
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  triggerRegistrations: { status: string; lastDeliveryAt: Date | null }[];
};

/** A stored type as the API names it (an unknown one reads as a plain webhook). */
export const toDestinationType = (value: string): TExportDestinationType =>
  (exportDestinationTypes as readonly string[]).includes(value) ? (value as TExportDestinationType) : "webhook";

const visibilityOf = (value: string): TDestinationVisibility => (value === "everyone" ? "everyone" : "admins");

const statusOf = (triggers: { status: string }[]): TDestinationStatus => {
  if (triggers.length === 0) return "unused";
  // Registration statuses as stored: anything but failing or active (paused, disabled, gone) sends nothing.
  const statuses = triggers.map((trigger) => trigger.status);
  if (statuses.includes("failing")) return "failing";
  return statuses.includes("active") ? "active" : "inactive";
};

const latest = (dates: (Date | null)[]) =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null)?.toISOString() ?? null;

export const toDestinationDto = (row: DestinationRow): TDestination => ({
  id: row.id,
  instanceId: row.instanceId,
  displayName: row.displayName,
  type: toDestinationType(row.type),
  endpoint: row.endpoint,
  visibility: visibilityOf(row.visibility),
  ownerId: row.ownerId,
  status: statusOf(row.triggerRegistrations),
  triggerCount: row.triggerRegistrations.length,
  lastDeliveryAt: latest(row.triggerRegistrations.map((trigger) => trigger.lastDeliveryAt)),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toDestinationSummary = (row: { id: string; displayName: string; type: string }): TDestinationSummary => ({
  id: row.id,
  displayName: row.displayName,
  type: toDestinationType(row.type),
});
