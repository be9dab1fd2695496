import { z } from "zod";
import { ZEventError, ZEventInstance, ZEventTime } from "./event-data-parts";
import { runDurationMs } from "./run-duration";
import type { SampleContext } from "./definition";

// The event shape the two data source refresh types share: what happened to which run of which
// data source. lib/datasources/execute-run.ts builds real events with it, test-fires sample ones.

export type DataSourceRefreshEventInput = {
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
  error: { code: string; message: string } | null;
};

export const ZDataSourceRefreshEventData = z.strictObject({
  instance: ZEventInstance,
  dataSource: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  run: z.strictObject({
    id: z.string(),
    status: z.enum(["successful", "failed"]),
    submissionKind: z.string(),
    submittedAt: ZEventTime,
    startedAt: ZEventTime.nullable(),
    finishedAt: ZEventTime,
    durationMs: z.number().nullable(),
    rowCount: z.number().int().nullable(),
  }),
  error: ZEventError.nullable(),
});

export const buildDataSourceRefreshEventData = ({ instance, dataSource, run, error }: DataSourceRefreshEventInput) => ({
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

/** A realistic run that ended a moment ago: a sample when the instance has no data source yet. */
export const sampleDataSourceRefresh = (
  { now, instance, dataSource, newId }: SampleContext<"dataSource">,
  outcome: { rowCount: number; error: null } | { rowCount: null; error: { code: string; message: string } },
): DataSourceRefreshEventInput => {
  const startedAt = new Date(now.getTime() - (outcome.error ? 1_850 : 4_320));
  return {
    instance,
    dataSource: dataSource ?? { id: "sample-data-source", name: "Online orders (sample)", kind: "upload" },
    run: {
      id: newId("run_sample"),
      status: outcome.error ? "failed" : "successful",
      submissionKind: "onDemand",
      submittedAt: new Date(startedAt.getTime() - 640),
      startedAt,
      finishedAt: now,
      rowCount: outcome.rowCount,
    },
    error: outcome.error,
  };
};
