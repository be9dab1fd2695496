"use client";

import { Spinner } from "@fluentui/react-components";
import { RunStatusBadge } from "@/components/common/status-badges";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TStageCounts, TUnificationStageResult } from "@/lib/unification/schemas";
import { useUnifyStyles } from "./unify.styles";

/** `key` is unique within a stage: two rules or sources may share a name. */
type Count = { key: string; label: string; value: string };

/** A stage's counts as label and value pairs, in the user's language and locale. */
export const useStageCounts = () => {
  const t = useT();
  const format = useFormat();
  return (stage: TUnificationStageResult): Count[] => {
    if (!stage.counts) return [];
    if (stage.stage === "map") {
      const counts = stage.counts as TStageCounts["map"];
      return [
        { key: "recordsIn", label: t("unify.counts.recordsIn"), value: format.number(counts.recordsIn) },
        ...counts.sources.map((source) => ({ key: `source-${source.dataSourceId}`, label: t("unify.counts.recordsInSource", { name: source.name }), value: format.number(source.recordsIn) })),
        { key: "invalidValues", label: t("unify.counts.invalidValues"), value: format.number(counts.invalidValues) },
      ];
    }
    if (stage.stage === "match") {
      const counts = stage.counts as TStageCounts["match"];
      return [
        { key: "candidatePairs", label: t("unify.counts.candidatePairs"), value: format.number(counts.candidatePairs) },
        { key: "matchedPairs", label: t("unify.counts.matchedPairs"), value: format.number(counts.matchedPairs) },
        ...counts.rules.map((rule) => ({ key: `rule-${rule.ruleId}`, label: t("unify.counts.matchedPairsRule", { name: rule.name }), value: format.number(rule.matchedPairs) })),
      ];
    }
    const counts = stage.counts as TStageCounts["merge"];
    return [
      { key: "profilesOut", label: t("unify.counts.profilesOut"), value: format.number(counts.profilesOut) },
      { key: "recordsMatched", label: t("unify.counts.recordsMatched"), value: format.number(counts.recordsMatched) },
      { key: "matchRate", label: t("unify.counts.matchRate"), value: format.percent(counts.matchRate) },
    ];
  };
};

/** Each stage of a run: status, timing and counts (the live progress of a running run, and a run's details). */
export const RunStages = ({ stages }: { stages: TUnificationStageResult[] }) => {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const countsOf = useStageCounts();
  return (
    <div className={styles.stages}>
      {stages.map((stage) => {
        const counts = countsOf(stage);
        return (
          <section key={stage.stage} className={styles.stage} aria-label={t(`unify.stage.${stage.stage}`)}>
            <div className={styles.stageHeader}>
              <strong>{t(`unify.stage.${stage.stage}`)}</strong>
              {stage.status === "running" ? <Spinner size="extra-tiny" label={t("run.running")} /> : <RunStatusBadge status={stage.status} />}
            </div>
            <span className={styles.muted}>
              {stage.durationMs !== null
                ? t("unify.stage.took", { duration: format.duration(stage.durationMs) })
                : stage.startedAt
                  ? t("unify.stage.startedAt", { time: format.dateTimeSeconds(stage.startedAt) })
                  : t("unify.stage.notStarted")}
            </span>
            {counts.length > 0 ? (
              <dl className={styles.counts}>
                {counts.map((count) => (
                  <div key={count.key} style={{ display: "contents" }}>
                    <dt className={styles.countLabel}>{count.label}</dt>
                    <dd className={styles.countValue}>{count.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </section>
        );
      })}
    </div>
  );
};
