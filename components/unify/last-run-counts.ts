import type { TStageCounts, TUnificationRun } from "@/lib/unification/schemas";

// What the editor shows from the last run next to the configuration: invalid values per column
// (map) and matched pairs per rule (match). A stage's counts come from the newest run whose stage
// finished successfully, so a run that failed later (or is running now) does not hide them.

export const lastStageCounts = <S extends keyof TStageCounts>(runs: readonly TUnificationRun[] | undefined, stage: S): TStageCounts[S] | null => {
  for (const run of runs ?? []) {
    const result = run.stages.find((candidate) => candidate.stage === stage);
    if (result?.status === "successful" && result.counts) return result.counts as TStageCounts[S];
  }
  return null;
};

export type ColumnInvalidValues = { count: number; samples: string[] };

/** By data source id, then column name. */
export const invalidValuesByColumn = (counts: TStageCounts["map"] | null): Map<string, Map<string, ColumnInvalidValues>> => {
  const out = new Map<string, Map<string, ColumnInvalidValues>>();
  for (const source of counts?.sources ?? []) {
    const columns = new Map<string, ColumnInvalidValues>();
    for (const invalid of source.invalidValues) {
      const previous = columns.get(invalid.column);
      // One column can feed two attributes: its invalid values are counted for each.
      columns.set(invalid.column, {
        count: (previous?.count ?? 0) + invalid.count,
        samples: [...new Set([...(previous?.samples ?? []), ...invalid.samples])].slice(0, 5),
      });
    }
    out.set(source.dataSourceId, columns);
  }
  return out;
};

/** By rule id. */
export const matchedPairsByRule = (counts: TStageCounts["match"] | null): Map<string, number> =>
  new Map((counts?.rules ?? []).map((rule) => [rule.ruleId, rule.matchedPairs]));
