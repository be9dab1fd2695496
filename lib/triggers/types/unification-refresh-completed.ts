import { z } from "zod";
import { ZUnificationStageResult } from "./unification-run-schemas";
import { ZEventError, ZEventInstance, ZEventTime } from "./event-data-parts";
import { runDurationMs } from "./run-duration";
import { defineTriggerType } from "./definition";
import { subjects } from "./subjects";
import type { TStageCounts, TUnificationStageResult } from "./unification-run-shapes";

// A unification run finished, successfully or not. lib/unification/run/execute-run.ts builds real
// events in the transaction that records the run's result; test-fires build sample ones.

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
 * `data` of the event: the run, each stage's status, timings and counts, the headline figures a
 * flow most often needs (records in, profiles out, match rate; null where the run did not get
 * that far), and the error.
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
      durationMs: runDurationMs(run),
    },
    recordsIn: map?.recordsIn ?? null,
    profilesOut: merge?.profilesOut ?? null,
    matchRate: merge?.matchRate ?? null,
    stages: stages.map(withoutSamples),
    error: error ? { code: error.code, message: error.message } : null,
  };
};

/** A successful run over two sources that ended a moment ago, with realistic counts. */
const sampleRun = ({ now, instance, newId }: { now: Date; instance: { id: string; name: string }; newId: (prefix: string) => string }): UnificationEventInput => {
  const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow).toISOString();
  const stage = <S extends keyof TStageCounts>(name: S, startMs: number, endMs: number, counts: TStageCounts[S]): TUnificationStageResult<S> => ({
    stage: name,
    status: "successful",
    startedAt: at(startMs),
    finishedAt: at(endMs),
    durationMs: startMs - endMs,
    counts,
  });
  return {
    instance,
    run: {
      id: newId("urun_sample"),
      status: "successful",
      submissionKind: "onDemand",
      submittedAt: new Date(now.getTime() - 2_900),
      startedAt: new Date(now.getTime() - 2_600),
      finishedAt: now,
    },
    stages: [
      stage("map", 2_600, 2_100, {
        recordsIn: 2_450,
        invalidValues: 3,
        sources: [
          {
            dataSourceId: "sample-crm-contacts",
            name: "CRM contacts (sample)",
            recordsIn: 1_450,
            rowsWithoutKey: 0,
            duplicateKeys: 0,
            invalidValues: [{ column: "BirthDate", attribute: "birthDate", count: 3, samples: [] }],
          },
          { dataSourceId: "sample-web-orders", name: "Web orders (sample)", recordsIn: 1_000, rowsWithoutKey: 0, duplicateKeys: 0, invalidValues: [] },
        ],
      }),
      stage("match", 2_100, 900, {
        candidatePairs: 3_120,
        matchedPairs: 610,
        rules: [
          { ruleId: "rule_sample_email", name: "Same email", matchedPairs: 540 },
          { ruleId: "rule_sample_phone", name: "Same phone, similar last name", matchedPairs: 190 },
        ],
      }),
      stage("merge", 900, 0, { profilesOut: 1_840, recordsMatched: 1_170, matchRate: 0.4776 }),
    ],
    error: null,
  };
};

/** Every finished unification run of the instance, successful or failed. */
export const unificationRefreshCompleted = defineTriggerType("unification.refresh.completed", {
  parameters: subjects.instance.parameters,
  data: z.strictObject({
    instance: ZEventInstance,
    run: z.strictObject({
      id: z.string(),
      status: z.enum(["successful", "failed"]),
      submissionKind: z.string(),
      submittedAt: ZEventTime,
      startedAt: ZEventTime.nullable(),
      finishedAt: ZEventTime,
      durationMs: z.number().nullable(),
    }),
    recordsIn: z.number().int().nullable(),
    profilesOut: z.number().int().nullable(),
    matchRate: z.number().nullable(),
    stages: z.array(ZUnificationStageResult),
    error: ZEventError.nullable(),
  }),
  buildData: buildUnificationEventData,
  sampleInput: sampleRun,
});
