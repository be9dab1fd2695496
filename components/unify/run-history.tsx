"use client";

import { Button, Table, TableBody, TableCell, TableCellLayout, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { lazy, Suspense, useRef, useState } from "react";
import { preloadOn } from "@/components/common/preload";
import { RunStatusBadge } from "@/components/common/status-badges";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TStageCounts, TUnificationRun } from "@/lib/unification/schemas";
import { useUnifyStyles } from "./unify.styles";

const loadDetails = () => import("./run-details-dialog");
const RunDetailsDialog = lazy(loadDetails);

const countsOf = <S extends keyof TStageCounts>(run: TUnificationRun, stage: S) =>
  (run.stages.find((candidate) => candidate.stage === stage)?.counts ?? null) as TStageCounts[S] | null;

type Props = {
  runs: TUnificationRun[];
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** The next page (or a refresh) is loading; the rows shown are the previous ones. */
  busy: boolean;
};

/** The instance's unification runs with each stage's main counts; a run's details open in a dialog. Loaded with the tab. */
export default function RunHistory({ runs, total, page, pageSize, onPage, busy }: Props) {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const [shown, setShown] = useState<TUnificationRun | null>(null);
  const [opened, setOpened] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);
  const number = (value: number | undefined) => (value === undefined ? "—" : format.number(value));
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);

  if (runs.length === 0) return <p className={styles.muted}>{t("unify.runs.empty")}</p>;
  return (
    <>
      <div className={styles.tableWrap}>
        <Table size="small" aria-label={t("unify.runs.table")} aria-busy={busy}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("unify.runs.colStatus")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.runs.colSubmitted")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.runs.colStarted")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.runs.colDuration")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.recordsIn")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.invalidValues")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.candidatePairs")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.matchedPairs")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.profilesOut")}</TableHeaderCell>
              <TableHeaderCell>{t("unify.counts.matchRate")}</TableHeaderCell>
              <TableHeaderCell>{t("common.actions")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((run) => {
              const map = countsOf(run, "map");
              const match = countsOf(run, "match");
              const merge = countsOf(run, "merge");
              const submitted = format.dateTimeSeconds(run.submittedAt);
              return (
                <TableRow key={run.id}>
                  <TableCell>
                    <RunStatusBadge status={run.status} />
                  </TableCell>
                  <TableCell>
                    <TableCellLayout description={t(`runs.submission.${run.submissionKind}`)}>{submitted}</TableCellLayout>
                  </TableCell>
                  <TableCell>{run.startedAt ? format.dateTimeSeconds(run.startedAt) : "—"}</TableCell>
                  <TableCell>{run.durationMs === null ? "—" : format.duration(run.durationMs)}</TableCell>
                  <TableCell>{number(map?.recordsIn)}</TableCell>
                  <TableCell>{number(map?.invalidValues)}</TableCell>
                  <TableCell>{number(match?.candidatePairs)}</TableCell>
                  <TableCell>{number(match?.matchedPairs)}</TableCell>
                  <TableCell>{number(merge?.profilesOut)}</TableCell>
                  <TableCell>{merge ? format.percent(merge.matchRate) : "—"}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-haspopup="dialog"
                      aria-label={t("unify.runs.detailsOf", { time: submitted })}
                      onPointerEnter={preloadOn(loadDetails)}
                      onFocus={preloadOn(loadDetails)}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setOpened(true);
                        setShown(run);
                      }}
                    >
                      {t("unify.runs.details")}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {total > pageSize ? (
        <div className={styles.toolbar}>
          <span className={styles.muted}>
            {t("common.pageRange", { from: format.number(page * pageSize + 1), to: format.number(Math.min(total, (page + 1) * pageSize)), total: format.number(total) })}
          </span>
          <div className={styles.actions}>
            <Button disabledFocusable={page === 0} onClick={() => onPage(page - 1)}>
              {t("common.previousPage")}
            </Button>
            <Button disabledFocusable={page >= lastPage} onClick={() => onPage(page + 1)}>
              {t("common.nextPage")}
            </Button>
          </div>
        </div>
      ) : null}
      {opened ? (
        <Suspense fallback={null}>
          <RunDetailsDialog
            run={shown ? (runs.find((run) => run.id === shown.id) ?? shown) : null}
            onClose={() => {
              setShown(null);
              opener.current?.focus();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
