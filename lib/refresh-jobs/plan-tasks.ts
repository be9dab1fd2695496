import type { DbTransaction } from "../db/client";
import type { TRefreshTaskKind, TRefreshTaskResult } from "./schemas";
import type { RefreshJobScope } from "./scope";

export type PlannedTask = {
  kind: TRefreshTaskKind;
  subjectId: string | null;
  subjectName: string;
  status: "queued" | "skipped";
  result: TRefreshTaskResult | null;
};

/**
 * The tasks of a full refresh of the instance as it is now, in the order they run: every data
 * source, unification, every segment, every measure. Read inside the job's write transaction, so
 * the tasks match the instance the job was created for.
 *
 * An instance with no unification configured (no settings, or no mapped source) gets a unification
 * task skipped as `not_configured`: it has nothing to unify, and that is not a failure, so its
 * segments and measures still run, over the profiles it has (none, unless it had a configuration before).
 */
export const planTasks = async (tx: DbTransaction, scope: RefreshJobScope, instanceName: string): Promise<PlannedTask[]> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const byName = [{ name: "asc" as const }, { id: "asc" as const }];
  const [sources, config, mappedSources, segments, measures] = await Promise.all([
    tx.dataSource.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    tx.unificationConfig.findFirst({ where, select: { instanceId: true } }),
    tx.unificationSourceMapping.count({ where }),
    tx.segment.findMany({ where, orderBy: byName, select: { id: true, name: true } }),
    tx.measure.findMany({ where, orderBy: byName, select: { id: true, name: true } }),
  ]);
  const unificationConfigured = config !== null && mappedSources > 0;
  return [
    ...sources.map((source) => ({ kind: "dataSource" as const, subjectId: source.id, subjectName: source.name, status: "queued" as const, result: null })),
    {
      kind: "unification" as const,
      subjectId: null,
      subjectName: instanceName,
      status: unificationConfigured ? ("queued" as const) : ("skipped" as const),
      result: unificationConfigured ? null : { skipReason: "not_configured" as const },
    },
    ...segments.map((segment) => ({ kind: "segment" as const, subjectId: segment.id, subjectName: segment.name, status: "queued" as const, result: null })),
    ...measures.map((measure) => ({ kind: "measure" as const, subjectId: measure.id, subjectName: measure.name, status: "queued" as const, result: null })),
  ];
};
