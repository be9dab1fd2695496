"use client";

import { Spinner, Table, TableBody, TableCell, TableCellLayout, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { RunStatusBadge } from "@/components/common/status-badges";
import { describeRefreshTaskError } from "@/lib/i18n/error-messages";
import type { Formatters } from "@/lib/i18n/format";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import type { TRefreshJobTask, TRefreshTaskCounts } from "@/lib/refresh-jobs/schemas";
import { useSystemStyles } from "./system.styles";

/** What a task produced (its counts), why it was skipped, or why it failed, in the user's language. */
export const taskOutcome = (task: TRefreshJobTask, { t, format }: { t: Translate; format: Formatters }): string => {
  if (task.error) return describeRefreshTaskError({ kind: task.kind, error: task.error }, { t, format });
  if (task.skipReason) return t(`system.skip.${task.skipReason}`);
  if (!task.counts) return "—";
  const number = (value: number | null) => (value === null ? "—" : format.number(value));
  if (task.kind === "dataSource") return t("system.counts.rows", { rows: number((task.counts as TRefreshTaskCounts["dataSource"]).rows) });
  if (task.kind === "segment") return t("system.counts.size", { size: number((task.counts as TRefreshTaskCounts["segment"]).size) });
  if (task.kind === "measure") {
    const { value } = task.counts as TRefreshTaskCounts["measure"];
    return value === null ? t("system.counts.noValue") : t("system.counts.value", { value: format.number(value) });
  }
  const counts = task.counts as TRefreshTaskCounts["unification"];
  return t("system.counts.unification", {
    profiles: number(counts.profilesOut),
    records: number(counts.recordsIn),
    matchRate: counts.matchRate === null ? "—" : format.percent(counts.matchRate),
  });
};

/**
 * A job's tasks in their order: kind and subject, status, times and outcome. Not a live region: its
 * changes while polling would be read out piecemeal; the screen announces the job's end instead.
 */
export const JobTasks = ({ tasks, label }: { tasks: TRefreshJobTask[]; label: string }) => {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  if (tasks.length === 0) return <p className={layout.muted}>{t("system.tasks.none")}</p>;
  return (
    <div className={styles.tableWrap}>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("system.tasks.colTask")}</TableHeaderCell>
            <TableHeaderCell>{t("system.tasks.colStatus")}</TableHeaderCell>
            <TableHeaderCell>{t("system.tasks.colStarted")}</TableHeaderCell>
            <TableHeaderCell>{t("system.tasks.colFinished")}</TableHeaderCell>
            <TableHeaderCell>{t("system.tasks.colDuration")}</TableHeaderCell>
            <TableHeaderCell>{t("system.tasks.colOutcome")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...tasks]
            .sort((a, b) => a.position - b.position)
            .map((task) => (
              <TableRow key={task.id}>
                <TableCell>
                  {/* Unification has no subject: its kind is its name. */}
                  {task.kind === "unification" ? (
                    t("system.kind.unification")
                  ) : (
                    <TableCellLayout description={t(`system.kind.${task.kind}`)}>{task.subjectName}</TableCellLayout>
                  )}
                </TableCell>
                <TableCell>
                  {task.status === "running" ? <Spinner size="extra-tiny" labelPosition="after" label={t("run.running")} /> : <RunStatusBadge status={task.status} />}
                </TableCell>
                <TableCell>{task.startedAt ? format.dateTimeSeconds(task.startedAt) : "—"}</TableCell>
                <TableCell>{task.finishedAt ? format.dateTimeSeconds(task.finishedAt) : "—"}</TableCell>
                <TableCell className={styles.numeric}>{task.durationMs === null ? "—" : format.duration(task.durationMs)}</TableCell>
                <TableCell>{taskOutcome(task, { t, format })}</TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
    </div>
  );
};
