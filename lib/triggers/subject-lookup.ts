import { getDb } from "../db/client";
import { assertDataSourceInScope } from "./data-source-lookup";
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
};

const lookups: { [K in TSubjectKind]: SubjectLookup<K> } = {
  dataSource: {
    assertInScope: (scope, { dataSourceId }) => assertDataSourceInScope(scope, dataSourceId),
    sample: async (scope, { dataSourceId }) => {
      const row = await getDb().dataSource.findFirst({
        where: { tenantId: scope.tenantId, instanceId: scope.instanceId, ...(dataSourceId ? { id: dataSourceId } : {}) },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, kind: true },
      });
      return { dataSource: row ?? null };
    },
  },
  instance: {
    // The instance is the path's, already scoped by the route.
    assertInScope: async () => null,
    sample: async () => ({}),
  },
};

export const assertSubjectInScope = (kind: TSubjectKind, scope: InstanceScope, columns: SubjectColumns) =>
  lookups[kind].assertInScope(scope, columns);

export const sampleSubject = <K extends TSubjectKind>(kind: K, scope: InstanceScope, columns: SubjectColumns): Promise<SampleSubject[K]> =>
  lookups[kind].sample(scope, columns) as Promise<SampleSubject[K]>;
