import { redactUrl } from "../audit/redact";
import { type SubjectColumns, subjectColumnSelect, subjects } from "./types/subjects";
import { type TTriggerType, triggerVocabulary } from "./types/vocabulary";

/**
 * What the audit log keeps of a trigger registration: the fields a person changes, the subject
 * columns its type uses, the URL's credentials masked. Never the signing secret.
 */
export const registrationSnapshot = (
  row: { displayName: string; type: string; callbackUrl: string; destinationType: string; origin: string; status?: string } & SubjectColumns,
) => {
  const kind = triggerVocabulary[row.type as TTriggerType]?.subjectKind;
  // A type this build does not know keeps every subject column, rather than hide one.
  const subjectColumns = kind ? subjects[kind].columns : (Object.keys(subjectColumnSelect) as (keyof SubjectColumns)[]);
  return {
    displayName: row.displayName,
    type: row.type,
    ...Object.fromEntries(subjectColumns.map((column) => [column, row[column]])),
    callbackUrl: redactUrl(row.callbackUrl),
    destinationType: row.destinationType,
    origin: row.origin,
    ...(row.status !== undefined ? { status: row.status } : {}),
  };
};

export const registrationSnapshotColumns = {
  displayName: true,
  type: true,
  ...subjectColumnSelect,
  callbackUrl: true,
  destinationType: true,
  origin: true,
  status: true,
} as const;
