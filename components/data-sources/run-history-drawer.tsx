"use client";

import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons/svg/dismiss";
import { ErrorBar } from "@/components/common/error-bar";
import { RunStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { describeRunError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource } from "@/lib/datasources/schemas";
import { isRunInProgress, useDataSourceRuns } from "@/lib/ui/api-hooks";
import { useDataSourcesStyles } from "./data-sources.styles";

const POLL_MS = 1500;

/** A data source's refresh runs (loaded on demand, the first time a "Run history" button is used). */
export default function RunHistoryDrawer({ instanceId, dataSource, onClose }: { instanceId: string; dataSource: TDataSource | null; onClose: () => void }) {
  const styles = useDataSourcesStyles();
  const t = useT();
  const format = useFormat();
  const { data, error, mutate } = useDataSourceRuns(instanceId, dataSource?.id ?? null, {
    refreshInterval: (latest) => (latest?.runs.some(isRunInProgress) ? POLL_MS : 0),
  });

  return (
    <OverlayDrawer open={dataSource !== null} position="end" size="large" onOpenChange={(_, { open }) => !open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label={t("common.close")} icon={<DismissRegular />} onClick={onClose} />}>
          {t("runs.title", { name: dataSource?.name ?? "" })}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {error ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!data && !error ? <TableSkeleton /> : null}
        {data && data.runs.length === 0 ? <p className={styles.muted}>{t("runs.empty")}</p> : null}
        {data && data.runs.length > 0 ? (
          <Table size="small" aria-label={t("runs.table")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "14%" }}>{t("runs.colStatus")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "24%" }}>{t("runs.colSubmitted")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "12%" }}>{t("runs.colDuration")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "10%" }}>{t("runs.colRows")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "40%" }}>{t("runs.colError")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.runs.map((run) => (
                <TableRow key={run.id}>
                  <TableCell>
                    <RunStatusBadge status={run.status} />
                  </TableCell>
                  <TableCell>
                    <TableCellLayout description={t(`runs.submission.${run.submissionKind}`)}>{format.dateTimeSeconds(run.submittedAt)}</TableCellLayout>
                  </TableCell>
                  <TableCell>{run.durationMs === null ? "—" : format.duration(run.durationMs)}</TableCell>
                  <TableCell>
                    <TableCellLayout description={run.contentUnchanged ? t("runs.contentUnchanged") : undefined}>
                      {run.rowCount === null ? "—" : format.number(run.rowCount)}
                    </TableCellLayout>
                  </TableCell>
                  <TableCell>
                    {run.error ? (
                      <span className={styles.runError}>
                        <span className={styles.code}>{run.error.code}</span>
                        <span>{describeRunError(run.error, { t, format })}</span>
                      </span>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </DrawerBody>
    </OverlayDrawer>
  );
}
