import { unificationStages } from "../attributes";
import type { TUnificationRun, TUnificationRunStatus, TUnificationStageResult } from "../schemas";

type RunRecord = {
  id: string;
  instanceId: string;
  status: string;
  submissionKind: string;
  submittedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  stages: unknown;
  inputUnchanged?: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  errorDetails: unknown;
};

/** The stages of a run nobody has started yet. */
export const queuedStages = (): TUnificationStageResult[] =>
  unificationStages.map((stage) => ({ stage, status: "queued", startedAt: null, finishedAt: null, durationMs: null, counts: null }));

const stagesOf = (value: unknown): TUnificationStageResult[] => (Array.isArray(value) && value.length > 0 ? (value as TUnificationStageResult[]) : queuedStages());

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export const toUnificationRunDto = (run: RunRecord): TUnificationRun => ({
  id: run.id,
  instanceId: run.instanceId,
  status: run.status as TUnificationRunStatus,
  submissionKind: run.submissionKind === "scheduled" ? "scheduled" : "onDemand",
  submittedAt: run.submittedAt.toISOString(),
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
  durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
  stages: stagesOf(run.stages),
  inputUnchanged: run.inputUnchanged ?? false,
  error: run.errorCode
    ? { code: run.errorCode, message: run.errorMessage ?? "", ...(isRecord(run.errorDetails) ? { details: run.errorDetails } : {}) }
    : null,
});
