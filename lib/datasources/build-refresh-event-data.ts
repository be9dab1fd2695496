import type { TRunError } from "./schemas";
import { runDurationMs } from "./to-dto";

export type RefreshEventInput = {
  instance: { id: string; name: string };
  dataSource: { id: string; name: string; kind: string };
  run: {
    id: string;
    status: "successful" | "failed";
    submissionKind: string;
    submittedAt: Date;
    startedAt: Date | null;
    finishedAt: Date;
    rowCount: number | null;
  };
  error: TRunError | null;
};

/**
 * `data` of datasource.refresh.succeeded / .failed events. The delivery side mirrors this
 * exact shape for sample (test-fire) events; change both together.
 */
export const buildRefreshEventData = ({ instance, dataSource, run, error }: RefreshEventInput) => ({
  instance: { id: instance.id, name: instance.name },
  dataSource: { id: dataSource.id, name: dataSource.name, kind: dataSource.kind },
  run: {
    id: run.id,
    status: run.status,
    submissionKind: run.submissionKind,
    submittedAt: run.submittedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt.toISOString(),
    durationMs: runDurationMs(run),
    rowCount: run.rowCount,
  },
  error: error ? { code: error.code, message: error.message } : null,
});
