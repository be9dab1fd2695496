import { destinationTypes, type TDestinationType, type TTriggerParameters, type TTriggerRegistration, type TTriggerType } from "./schemas";
import type { Role } from "../auth/roles";
import { toRegistrationStatus } from "./registration-status";
import { readCrossingState } from "./thresholds/registration-state";
import { triggerTypeDefinitions } from "./types";
import { type SubjectColumns, subjectColumnSelect, subjectParametersOf, subjects } from "./types/subjects";
import { triggerTypes } from "./types/vocabulary";
import { toDestinationSummary } from "../destinations/to-destination-dto";

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
  destination: { select: { id: true, displayName: true, type: true, endpoint: true } },
  destinationType: true,
  origin: true,
  status: true,
  thresholdState: true,
  consecutiveFailures: true,
  lastFiredAt: true,
  lastDeliveryAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The DTO's columns plus the watched subject's name, read through its foreign key in the same query. */
export const registrationWithSubjectColumns = {
  ...registrationColumns,
  dataSource: { select: { name: true } },
  segment: { select: { name: true } },
  measure: { select: { name: true } },
} as const;

type Named = { name: string } | null;
/** The name of whichever subject a row read with registrationWithSubjectColumns watches (one column at most is set). */
export const subjectNameOf = (row: { dataSource: Named; segment: Named; measure: Named }): string | null =>
  (row.dataSource ?? row.segment ?? row.measure)?.name ?? null;

export type RegistrationRow = SubjectColumns & {
  id: string;
  instanceId: string;
  displayName: string;
  type: string;
  parameters: unknown;
  callbackUrl: string | null;
  destination: { id: string; displayName: string; type: string; endpoint: string } | null;
  destinationType: string;
  origin: string;
  status: string;
  thresholdState: unknown;
  consecutiveFailures: number;
  lastFiredAt: Date | null;
  lastDeliveryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A stored status as the API names it; an unknown value reads as disabled (nothing is sent). */

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

/**
 * Builds the API shape field by field, so nothing the row carries leaks by accident.
 * `subjectName`: the watched data source's, segment's or measure's name (null: any, or the instance).
 */
export const toRegistrationDto = (row: RegistrationRow, subjectName: string | null): TTriggerRegistration => ({
  id: row.id,
  instanceId: row.instanceId,
  displayName: row.displayName,
  type: row.type as TTriggerType,
  parameters: parametersOf(row),
  dataSourceName: row.dataSourceId ? subjectName : null,
  subjectName,
  callbackUrl: row.destination?.endpoint ?? row.callbackUrl,
  destination: row.destination ? toDestinationSummary(row.destination) : null,
  destinationType: (destinationTypes as readonly string[]).includes(row.destinationType) ? (row.destinationType as TDestinationType) : "webhook",
  origin: row.origin === "powerAutomate" ? "powerAutomate" : "app",
  status: toRegistrationStatus(row.status),
  thresholdState: readCrossingState(row.thresholdState),
  consecutiveFailures: row.consecutiveFailures,
  lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
  lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * A registration as a caller of `role` may see it: a destination's endpoint is for Admins (who
 * manage destinations); others see its name and type. A registration's own endpoint (a Power
 * Automate subscription's) stays visible, as before.
 */
export const registrationFor = (role: Role, registration: TTriggerRegistration): TTriggerRegistration =>
  role === "Admin" || !registration.destination ? registration : { ...registration, callbackUrl: null };
