import { type TRegistrationStatus, type TTriggerRegistration, type TTriggerType, registrationStatuses } from "./schemas";

/**
 * The columns a registration DTO is made of. The signing secret is deliberately absent:
 * select with this and the secret can never end up in a response.
 */
export const registrationColumns = {
  id: true,
  instanceId: true,
  displayName: true,
  type: true,
  parameters: true,
  dataSourceId: true,
  callbackUrl: true,
  destinationType: true,
  origin: true,
  status: true,
  consecutiveFailures: true,
  lastFiredAt: true,
  lastDeliveryAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The DTO's columns plus the watched data source's name, read through the foreign key in the same query. */
export const registrationWithDataSourceColumns = { ...registrationColumns, dataSource: { select: { name: true } } } as const;

export type RegistrationRow = {
  id: string;
  instanceId: string;
  displayName: string;
  type: string;
  parameters: unknown;
  dataSourceId: string | null;
  callbackUrl: string;
  destinationType: string;
  origin: string;
  status: string;
  consecutiveFailures: number;
  lastFiredAt: Date | null;
  lastDeliveryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A stored status as the API names it; an unknown value reads as disabled (nothing is sent). */
export const toRegistrationStatus = (value: string): TRegistrationStatus =>
  (registrationStatuses as readonly string[]).includes(value) ? (value as TRegistrationStatus) : "disabled";

/** Builds the API shape field by field, so nothing the row carries leaks by accident. */
export const toRegistrationDto = (row: RegistrationRow, dataSourceName: string | null): TTriggerRegistration => ({
  id: row.id,
  instanceId: row.instanceId,
  displayName: row.displayName,
  type: row.type as TTriggerType,
  // The denormalised column is the one the fan-out matches on, so it is what the user sees.
  parameters: { dataSourceId: row.dataSourceId },
  dataSourceName,
  callbackUrl: row.callbackUrl,
  destinationType: row.destinationType === "powerAutomate" ? "powerAutomate" : "webhook",
  origin: row.origin === "powerAutomate" ? "powerAutomate" : "app",
  status: toRegistrationStatus(row.status),
  consecutiveFailures: row.consecutiveFailures,
  lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
  lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
