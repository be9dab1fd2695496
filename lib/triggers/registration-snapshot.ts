import { redactUrl } from "../audit/redact";
import { triggerTypeDefinitions } from "./types";
import { type SubjectColumns, subjectColumnSelect, subjects } from "./types/subjects";
import { type TTriggerType, triggerVocabulary } from "./types/vocabulary";

/** The type's parameters beyond its subject's (a threshold's settings), as stored; none for most types. */
const ownParameters = (type: string, parameters: unknown): Record<string, unknown> => {
  const definition = triggerTypeDefinitions[type as TTriggerType];
  if (!definition) return {};
  const subjectKeys = Object.keys(subjects[definition.subjectKind].parameters.shape);
  if (Object.keys(definition.parameters.shape).every((key) => subjectKeys.includes(key))) return {};
  const parsed = definition.parameters.safeParse(parameters);
  const own = Object.entries(parsed.success ? parsed.data : {}).filter(([key]) => !subjectKeys.includes(key));
  return own.length > 0 ? { parameters: Object.fromEntries(own) } : {};
};

/**
 * What the audit log keeps of a trigger registration: the fields a person changes, the subject
 * columns its type uses and its own parameters (a threshold), the URL's credentials masked.
 * Never the signing secret.
 */
export const registrationSnapshot = (
  row: {
    displayName: string;
    type: string;
    parameters: unknown;
    callbackUrl: string | null;
    destinationId: string | null;
    destinationType: string;
    origin: string;
    status?: string;
  } & SubjectColumns,
) => {
  const kind = triggerVocabulary[row.type as TTriggerType]?.subjectKind;
  // A type this build does not know keeps every subject column, rather than hide one.
  const subjectColumns = kind ? subjects[kind].columns : (Object.keys(subjectColumnSelect) as (keyof SubjectColumns)[]);
  return {
    displayName: row.displayName,
    type: row.type,
    ...Object.fromEntries(subjectColumns.map((column) => [column, row[column]])),
    ...ownParameters(row.type, row.parameters),
    // A destination's endpoint is logged with the destination; a registration's own, here.
    ...(row.destinationId ? { destinationId: row.destinationId } : { callbackUrl: redactUrl(row.callbackUrl) }),
    destinationType: row.destinationType,
    origin: row.origin,
    ...(row.status !== undefined ? { status: row.status } : {}),
  };
};

export const registrationSnapshotColumns = {
  displayName: true,
  type: true,
  parameters: true,
  ...subjectColumnSelect,
  callbackUrl: true,
  destinationId: true,
  destinationType: true,
  origin: true,
  status: true,
} as const;
