import { z } from "zod";
import { ZId } from "../../ids/schemas";
import type { TSubjectKind } from "./vocabulary";

// What each subject kind means for a registration: its part of the parameters, and the columns
// the fan-out matches on (a foreign key per kind that needs one; lib/events/enqueue-event.ts).
// Browser-safe: the wizard's checks build on these schemas. Future segment and measure subjects
// get their own column, entry and lookup (lib/triggers/subject-lookup.ts), then any number of types.

/** The registration columns that name a subject; null means "any" (or, for instance triggers, none). */
export type SubjectColumns = { dataSourceId: string | null };

/** Selects every subject column of a registration (Prisma `select`). */
export const subjectColumnSelect = { dataSourceId: true } as const satisfies Record<keyof SubjectColumns, true>;

type SubjectDefinition<P extends z.ZodObject> = {
  /** The registration columns this kind uses (what an audit entry records of the subject). */
  columns: readonly (keyof SubjectColumns)[];
  /** The subject's parameters; a type may extend them with its own (a threshold, say). */
  parameters: P;
  columnsOf: (parameters: z.infer<P>) => SubjectColumns;
  /** The parameters as the API shows them, read from the columns the fan-out matches on. */
  parametersOf: (columns: SubjectColumns) => z.infer<P>;
};

const define = <P extends z.ZodObject>(definition: SubjectDefinition<P>) => definition;

export const subjects = {
  /** One data source, or null for any. */
  dataSource: define({
    columns: ["dataSourceId"],
    parameters: z.object({ dataSourceId: ZId.nullable() }),
    columnsOf: ({ dataSourceId }) => ({ dataSourceId }),
    parametersOf: ({ dataSourceId }) => ({ dataSourceId }),
  }),
  /** The registration's instance itself: nothing to choose. */
  instance: define({
    columns: [],
    parameters: z.object({}),
    columnsOf: () => ({ dataSourceId: null }),
    parametersOf: () => ({}),
  }),
} satisfies Record<TSubjectKind, SubjectDefinition<z.ZodObject>>;

export type TSubjectParameters<K extends TSubjectKind> = z.infer<(typeof subjects)[K]["parameters"]>;

/** The columns of a registration of this kind with these (already validated) parameters. */
export const subjectColumnsOf = (kind: TSubjectKind, parameters: object): SubjectColumns =>
  (subjects[kind].columnsOf as (parameters: object) => SubjectColumns)(parameters);

export const subjectParametersOf = (kind: TSubjectKind, columns: SubjectColumns): Record<string, unknown> =>
  subjects[kind].parametersOf(columns);
