import { AppError } from "../errors/app-error";
import { getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { assertDataSourceInScope, dataSourceNotInInstance } from "./data-source-lookup";
import type { InstanceScope } from "./instance-scope";
import type { SampleSubject } from "./types/definition";
import type { SubjectColumns } from "./types/subjects";
import type { TSubjectKind } from "./types/vocabulary";

// How each subject kind is found in an instance: the check before a registration names it, and
// the subject a sample (test-fire) event talks about.

type SubjectLookup<K extends TSubjectKind> = {
  /** Refuses a subject of another instance (422 on its parameter); returns its name, or null for none or any. */
  assertInScope: (scope: InstanceScope, columns: SubjectColumns) => Promise<string | null>;
  /** The watched subject, else any of the instance (null when it has none). */
  sample: (scope: InstanceScope, columns: SubjectColumns) => Promise<SampleSubject[K]>;
  /** The answer to a subject deleted between the check and the write (its foreign key refused the write); null: no key. */
  notInInstance: (() => AppError) | null;
};

/** A segment or measure of another instance (or none): the 422 a data source gets, on its own parameter. */
const notInInstance = (noun: "segment" | "measure") => () => {
  const message = `The ${noun} was not found in this instance.`;
  return new AppError("validation_failed", message, {
    reason: noun === "segment" ? "segment_not_in_instance" : "measure_not_in_instance",
    issues: [{ path: `parameters.${noun}Id`, message }],
  });
};

const scoped = (scope: InstanceScope, id: string | null) => ({ tenantId: scope.tenantId, instanceId: scope.instanceId, ...(id ? { id } : {}) });
const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];

const lookups: { [K in TSubjectKind]: SubjectLookup<K> } = {
  dataSource: {
    assertInScope: (scope, { dataSourceId }) => assertDataSourceInScope(scope, dataSourceId),
    sample: async (scope, { dataSourceId }) => {
      const row = await getDb().dataSource.findFirst({
        where: scoped(scope, dataSourceId),
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, kind: true },
      });
      return { dataSource: row ?? null };
    },
    notInInstance: dataSourceNotInInstance,
  },
  instance: {
    // The instance is the path's, already scoped by the route.
    assertInScope: async () => null,
    sample: async () => ({}),
    notInInstance: null,
  },
  segment: {
    assertInScope: async (scope, { segmentId }) => {
      const found = segmentId ? await getDb().segment.findFirst({ where: scoped(scope, segmentId), select: { name: true } }) : null;
      if (!found) throw notInInstance("segment")();
      return found.name;
    },
    sample: async (scope, { segmentId }) => {
      const row = await getDb().segment.findFirst({ where: scoped(scope, segmentId), orderBy: oldestFirst, select: { id: true, name: true } });
      return { segment: row ?? null };
    },
    notInInstance: notInInstance("segment"),
  },
  measure: {
    assertInScope: async (scope, { measureId }) => {
      const found = measureId ? await getDb().measure.findFirst({ where: scoped(scope, measureId), select: { name: true } }) : null;
      if (!found) throw notInInstance("measure")();
      return found.name;
    },
    sample: async (scope, { measureId }) => {
      const row = await getDb().measure.findFirst({
        where: scoped(scope, measureId),
        orderBy: oldestFirst,
        select: { id: true, name: true, aggregation: true, attribute: true, segmentId: true },
      });
      return { measure: row ?? null };
    },
    notInInstance: notInInstance("measure"),
  },
};

export const assertSubjectInScope = (kind: TSubjectKind, scope: InstanceScope, columns: SubjectColumns) =>
  lookups[kind].assertInScope(scope, columns);

export const sampleSubject = <K extends TSubjectKind>(kind: K, scope: InstanceScope, columns: SubjectColumns): Promise<SampleSubject[K]> =>
  lookups[kind].sample(scope, columns) as Promise<SampleSubject[K]>;

/**
 * The subject checked before a write was deleted before the write: its foreign key refused it,
 * and the caller gets the answer the check would have given.
 */
export const asSubjectNotInInstance = (kind: TSubjectKind, error: unknown): unknown => {
  const answer = lookups[kind].notInInstance;
  return answer && isForeignKeyViolation(error) ? answer() : error;
};
