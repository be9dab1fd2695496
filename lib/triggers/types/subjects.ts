import { z } from "zod";
import { ZId } from "../../ids/schemas";
import type { TSubjectKind } from "./vocabulary";

// What each subject kind means for a registration: its part of the parameters, and the columns
// the fan-out matches on (a foreign key per kind that needs one; lib/events/enqueue-event.ts).
// Browser-safe: the wizard's checks build on these schemas.

/**
 * The registration columns that name a subject; null means "any" (a data source trigger's choice)
 * or that the type watches no subject of that kind. A segment or measure trigger always names one.
 */
export type SubjectColumns = { dataSourceId: string | null; segmentId: string | null; measureId: string | null };

/** Selects every subject column of a registration (Prisma `select`). */
export const subjectColumnSelect = { dataSourceId: true, segmentId: true, measureId: true } as const satisfies Record<keyof SubjectColumns, true>;

const noSubject: SubjectColumns = { dataSourceId: null, segmentId: null, measureId: null };

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
    columnsOf: ({ dataSourceId }) => ({ ...noSubject, dataSourceId }),
    parametersOf: ({ dataSourceId }) => ({ dataSourceId }),
  }),
  /** The registration's instance itself: nothing to choose. */
  instance: define({
    columns: [],
    parameters: z.object({}),
    columnsOf: () => noSubject,
    parametersOf: () => ({}),
  }),
  // Create and update always write the column, and its key keeps the row, so it is never null
  // on a registration of these kinds.
  /** One segment of the instance: its size is the watched value. */
  segment: define({
    columns: ["segmentId"],
    parameters: z.object({ segmentId: ZId }),
    columnsOf: ({ segmentId }) => ({ ...noSubject, segmentId }),
    parametersOf: ({ segmentId }) => ({ segmentId: segmentId ?? "" }),
  }),
  /** One business measure of the instance: its value is the watched value. */
  measure: define({
    columns: ["measureId"],
    parameters: z.object({ measureId: ZId }),
    columnsOf: ({ measureId }) => ({ ...noSubject, measureId }),
    parametersOf: ({ measureId }) => ({ measureId: measureId ?? "" }),
  }),
} satisfies Record<TSubjectKind, SubjectDefinition<z.ZodObject>>;

export type TSubjectParameters<K extends TSubjectKind> = z.infer<(typeof subjects)[K]["parameters"]>;

/** The columns of a registration of this kind with these (already validated) parameters. */
export const subjectColumnsOf = (kind: TSubjectKind, parameters: object): SubjectColumns =>
  (subjects[kind].columnsOf as (parameters: object) => SubjectColumns)(parameters);

export const subjectParametersOf = (kind: TSubjectKind, columns: SubjectColumns): Record<string, unknown> =>
  subjects[kind].parametersOf(columns);
