import type { TStageCounts, TUnificationStageResult } from "./schemas";

export type UnificationEventInput = {
  instance: { id: string; name: string };
  run: {
    id: string;
    status: "successful" | "failed";
    submissionKind: string;
    submittedAt: Date;
    startedAt: Date | null;
    finishedAt: Date;
  };
  stages: TUnificationStageResult[];
  error: { code: string; message: string } | null;
};

// A webhook carries counts, not customer data: the invalid values' samples stay in the run.
const withoutSamples = (stage: TUnificationStageResult): TUnificationStageResult => {
  if (stage.stage !== "map" || !stage.counts) return stage;
  const counts = stage.counts as TStageCounts["map"];
  return {
    ...stage,
    counts: {
      ...counts,
      sources: counts.sources.map((source) => ({
        ...source,
        invalidValues: source.invalidValues.map(({ column, attribute, count }) => ({ column, attribute, count, samples: [] })),
      })),
    },
  };
};

const countsOf = <S extends keyof TStageCounts>(stages: TUnificationStageResult[], stage: S) =>
  (stages.find((result) => result.stage === stage)?.counts ?? null) as TStageCounts[S] | null;

/**
 * `data` of the unification.refresh.completed event, for every finished run, successful or
 * failed: the run, each stage's status, timings and counts, the headline figures a flow most
 * often needs (records in, profiles out, match rate; null where the run did not get that far),
 * and the error. The real producer (lib/unification/run/execute-run.ts) and the sample event use
 * this one builder.
 */
export const buildUnificationEventData = ({ instance, run, stages, error }: UnificationEventInput) => {
  const map = countsOf(stages, "map");
  const merge = countsOf(stages, "merge");
  return {
    instance: { id: instance.id, name: instance.name },
    run: {
      id: run.id,
      status: run.status,
      submissionKind: run.submissionKind,
      submittedAt: run.submittedAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt.toISOString(),
      durationMs: run.startedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    },
    recordsIn: map?.recordsIn ?? null,
    profilesOut: merge?.profilesOut ?? null,
    matchRate: merge?.matchRate ?? null,
    stages: stages.map(withoutSamples),
    error: error ? { code: error.code, message: error.message } : null,
  };
};
