import { z } from "zod";
import { type TStageCounts, type TUnificationStageResult, unificationRunStatuses, unificationStages } from "./unification-run-shapes";

// The run's shapes are declared zod-free beside this file (the Unify screens list the stages without
// zod); these schemas publish them, in the API document and in the unification.refresh.completed
// event's data, and the checks under them keep the two the same.
const ZUnificationStage = z.enum(unificationStages);
const ZInvalidValueCount = z.object({ column: z.string(), attribute: z.string(), count: z.number().int(), samples: z.array(z.string()) });
const ZStageCounts = {
  map: z.object({
    sources: z.array(
      z.object({
        dataSourceId: z.string(),
        name: z.string(),
        recordsIn: z.number().int(),
        rowsWithoutKey: z.number().int(),
        duplicateKeys: z.number().int(),
        invalidValues: z.array(ZInvalidValueCount),
      }),
    ),
    recordsIn: z.number().int(),
    invalidValues: z.number().int(),
  }),
  match: z.object({
    candidatePairs: z.number().int(),
    matchedPairs: z.number().int(),
    rules: z.array(z.object({ ruleId: z.string(), name: z.string(), matchedPairs: z.number().int() })),
  }),
  merge: z.object({ profilesOut: z.number().int(), recordsMatched: z.number().int(), matchRate: z.number() }),
};
export const ZUnificationStageResult = z
  .object({
    stage: ZUnificationStage,
    status: z.enum(unificationRunStatuses),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    counts: z.union([ZStageCounts.map, ZStageCounts.match, ZStageCounts.merge]).nullable(),
  })
  .meta({ id: "UnificationStageResult" });
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const stageResultSchemaMatchesType: Same<z.infer<typeof ZUnificationStageResult>, TUnificationStageResult> = true;
export const stageCountsSchemaMatchType: Same<{ [S in keyof typeof ZStageCounts]: z.infer<(typeof ZStageCounts)[S]> }, TStageCounts> = true;
