import type { TDataSource, TDataSourceRun, TRunError, TRunStatus, dataSourceKinds } from "./schemas";

type RunRecord = {
  id: string;
  dataSourceId: string;
  status: string;
  submissionKind: string;
  submittedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowCount: number | null;
  columns: unknown;
  contentUnchanged?: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  errorDetails?: unknown;
};

type SourceRecord = {
  id: string;
  instanceId: string;
  name: string;
  kind: string;
  location: string | null;
  requiredColumns: unknown;
  createdAt: Date;
  updatedAt: Date;
};

type UploadRecord = { fileName: string; sizeBytes: number; uploadedAt: Date };

const runError = (code: string, message: string | null, details: unknown): TRunError => ({
  code,
  message: message ?? "",
  ...(typeof details === "object" && details !== null && !Array.isArray(details) ? { details: details as TRunError["details"] } : {}),
});

export { runDurationMs } from "../triggers/types/run-duration";
import { runDurationMs } from "../triggers/types/run-duration";

export const toRunDto = (run: RunRecord): TDataSourceRun => ({
  id: run.id,
  dataSourceId: run.dataSourceId,
  status: run.status as TRunStatus,
  submissionKind: run.submissionKind === "scheduled" ? "scheduled" : "onDemand",
  submittedAt: run.submittedAt.toISOString(),
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
  durationMs: runDurationMs(run),
  rowCount: run.rowCount,
  columns: run.columns == null ? null : requiredColumnsOf(run.columns),
  contentUnchanged: run.contentUnchanged ?? false,
  error: run.errorCode ? runError(run.errorCode, run.errorMessage, run.errorDetails) : null,
});

/** A JSON array column of names (requiredColumns, columns); anything else reads as none. */
export const requiredColumnsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export const toDataSourceDto = (
  source: SourceRecord,
  latestUpload: UploadRecord | null | undefined,
  lastRun: RunRecord | null | undefined,
): TDataSource => ({
  id: source.id,
  instanceId: source.instanceId,
  name: source.name,
  kind: source.kind as (typeof dataSourceKinds)[number],
  location: source.location,
  requiredColumns: requiredColumnsOf(source.requiredColumns),
  createdAt: source.createdAt.toISOString(),
  updatedAt: source.updatedAt.toISOString(),
  latestUpload: latestUpload
    ? { fileName: latestUpload.fileName, sizeBytes: latestUpload.sizeBytes, uploadedAt: latestUpload.uploadedAt.toISOString() }
    : null,
  lastRun: lastRun ? toRunDto(lastRun) : null,
});

/** The relations every data source DTO needs; shared by list and get. */
export const dataSourceDtoInclude = {
  uploads: {
    orderBy: [{ uploadedAt: "desc" as const }, { id: "desc" as const }],
    take: 1,
    select: { fileName: true, sizeBytes: true, uploadedAt: true },
  },
  runs: { orderBy: [{ submittedAt: "desc" as const }, { id: "desc" as const }], take: 1 },
};
