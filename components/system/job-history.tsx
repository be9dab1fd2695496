"use client";

import { Button, Table, TableBody, TableCell, TableCellLayout, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { lazy, Suspense, useRef, useState } from "react";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { preloadOn } from "@/components/common/preload";
import { JobStatusBadge } from "@/components/common/status-badges";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TRefreshJob } from "@/lib/refresh-jobs/schemas";
import { useSystemStyles } from "./system.styles";

const loadDetails = () => import("./job-details-dialog");
const JobDetailsDialog = lazy(loadDetails);

type Props = {
  jobs: TRefreshJob[];
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** The next page (or a refresh) is loading; the rows shown are the previous ones. */
  busy: boolean;
};

/** The instance's full refresh jobs, newest first; a job's tasks open in a dialog. Loaded after the screen. */
export default function JobHistory({ jobs, total, page, pageSize, onPage, busy }: Props) {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const [shown, setShown] = useState<TRefreshJob | null>(null);
  const [opened, setOpened] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);

  if (jobs.length === 0) return <p className={layout.muted}>{t("system.history.empty")}</p>;
  return (
    <>
      <div className={styles.tableWrap}>
        <Table size="small" aria-label={t("system.history.table")} aria-busy={busy}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("system.history.colSubmitted")}</TableHeaderCell>
              <TableHeaderCell>{t("system.history.colStatus")}</TableHeaderCell>
              <TableHeaderCell>{t("system.history.colDuration")}</TableHeaderCell>
              <TableHeaderCell>{t("system.history.colFailed")}</TableHeaderCell>
              <TableHeaderCell>{t("system.history.colSkipped")}</TableHeaderCell>
              <TableHeaderCell>{t("common.actions")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((job) => {
              const submitted = format.dateTimeSeconds(job.submittedAt);
              return (
                <TableRow key={job.id}>
                  <TableCell>
                    <TableCellLayout description={t(`runs.submission.${job.submissionKind}`)}>{submitted}</TableCellLayout>
                  </TableCell>
                  <TableCell>
                    <JobStatusBadge status={job.status} />
                  </TableCell>
                  <TableCell className={styles.numeric}>{job.durationMs === null ? "—" : format.duration(job.durationMs)}</TableCell>
                  <TableCell className={styles.numeric}>{format.number(job.tasks.filter((task) => task.status === "failed").length)}</TableCell>
                  <TableCell className={styles.numeric}>{format.number(job.tasks.filter((task) => task.status === "skipped").length)}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-haspopup="dialog"
                      aria-label={t("system.history.detailsOf", { time: submitted })}
                      onPointerEnter={preloadOn(loadDetails)}
                      onFocus={preloadOn(loadDetails)}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setOpened(true);
                        setShown(job);
                      }}
                    >
                      {t("system.history.details")}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {total > pageSize ? (
        <div className={layout.toolbar}>
          <span className={layout.muted}>
            {t("common.pageRange", { from: format.number(page * pageSize + 1), to: format.number(Math.min(total, (page + 1) * pageSize)), total: format.number(total) })}
          </span>
          <div className={layout.actions}>
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
          <JobDetailsDialog
            job={shown ? (jobs.find((job) => job.id === shown.id) ?? shown) : null}
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
