import { type TRegistrationStatus, type TTriggerParameters, type TTriggerRegistration, type TTriggerType, registrationStatuses } from "./schemas";
import { triggerTypeDefinitions } from "./types";
import { type SubjectColumns, subjectColumnSelect, subjectParametersOf, subjects } from "./types/subjects";
import { triggerTypes } from "./types/vocabulary";

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
  ...subjectColumnSelect,
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

export type RegistrationRow = SubjectColumns & {
  id: string;
  instanceId: string;
  displayName: string;
  type: string;
  parameters: unknown;
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

// Types whose parameters go beyond their subject's: only theirs need the stored JSON read (and
// checked) for each row of a listing.
const takesOwnParameters = new Set(
  triggerTypes.filter((type) => {
    const { parameters, subjectKind } = triggerTypeDefinitions[type];
    return Object.keys(parameters.shape).some((key) => !(key in subjects[subjectKind].parameters.shape));
  }),
);

/**
 * The subject read from its column (the denormalised column is the one the fan-out matches on, so
 * it is what the user sees), plus the type's own parameters as stored, through its schema so no
 * stray key leaks.
 */
const parametersOf = (row: RegistrationRow): TTriggerParameters => {
  const definition = triggerTypeDefinitions[row.type as TTriggerType];
  if (!definition) return {} as TTriggerParameters;
  const subject = subjectParametersOf(definition.subjectKind, row);
  if (!takesOwnParameters.has(definition.type)) return subject as TTriggerParameters;
  const stored = definition.parameters.safeParse(row.parameters);
  return { ...(stored.success ? stored.data : {}), ...subject } as TTriggerParameters;
};

/** Builds the API shape field by field, so nothing the row carries leaks by accident. */
export const toRegistrationDto = (row: RegistrationRow, dataSourceName: string | null): TTriggerRegistration => ({
  id: row.id,
  instanceId: row.instanceId,
  displayName: row.displayName,
  type: row.type as TTriggerType,
  parameters: parametersOf(row),
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
