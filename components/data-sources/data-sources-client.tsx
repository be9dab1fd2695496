"use client";

import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { ArrowSyncRegular } from "@fluentui/react-icons/svg/arrow-sync";
import { DatabaseRegular } from "@fluentui/react-icons/svg/database";
import { HistoryRegular } from "@fluentui/react-icons/svg/history";
import { lazy, Suspense, useRef, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { RunStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource, TDataSourceRun } from "@/lib/datasources/schemas";
import { apiPost } from "@/lib/ui/api-client";
import { isRunInProgress, useDataSources } from "@/lib/ui/api-hooks";
import { apiPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { useDataSourcesStyles } from "./data-sources.styles";
import { DeleteDataSourceButton } from "./delete-data-source-button";
import { UploadFileButton } from "./upload-file-button";
import { preloadOn } from "@/components/common/preload";

// The dialog and the drawer (with their forms, tables and focus trapping) load the first time they
// are opened, or when their button is hovered or focused; the list itself does not need them.
const loadAddDialog = () => import("./add-data-source-dialog");
const AddDataSourceDialog = lazy(loadAddDialog);
const loadRunHistory = () => import("./run-history-drawer");
const RunHistoryDrawer = lazy(loadRunHistory);

const AddDataSource = ({ instanceId, onCreated }: { instanceId: string; onCreated: (dataSource: TDataSource) => void }) => {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        ref={button}
        appearance="primary"
        icon={<AddRegular />}
        aria-haspopup="dialog"
        onPointerEnter={preloadOn(loadAddDialog)}
        onFocus={preloadOn(loadAddDialog)}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {t("dataSources.add")}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <AddDataSourceDialog
            instanceId={instanceId}
            open={open}
            onOpenChange={(next) => {
              setOpen(next);
              // The dialog did not open from a DialogTrigger, so focus is handed back here.
              if (!next) button.current?.focus();
            }}
            onCreated={onCreated}
          />
        </Suspense>
      ) : null}
    </>
  );
};

// While a refresh is queued or running the list polls, so its status moves without a reload.
const POLL_MS = 1500;

export const DataSourcesClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useDataSourcesStyles();
  const t = useT();
  const format = useFormat();
  const { data, error, mutate } = useDataSources(instanceId, {
    refreshInterval: (latest) => (latest?.dataSources.some((ds) => isRunInProgress(ds.lastRun)) ? POLL_MS : 0),
  });
  const canAdd = useCan("addDataSource");
  const canUpload = useCan("uploadFile");
  const canRefresh = useCan("refreshDataSource");
  const canDelete = useCan("deleteDataSource");
  const [historyOf, setHistoryOf] = useState<TDataSource | null>(null);
  // Mounted from the first opening on, so closing can animate and reopening is instant.
  const [historyOpened, setHistoryOpened] = useState(false);
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; title: string } | null>(null);

  const replaceRow = (dataSource: TDataSource) =>
    mutate(
      (current) =>
        current && {
          dataSources: current.dataSources.some((ds) => ds.id === dataSource.id)
            ? current.dataSources.map((ds) => (ds.id === dataSource.id ? dataSource : ds))
            : [...current.dataSources, dataSource],
        },
      { revalidate: true },
    );

  const refresh = async (dataSource: TDataSource) => {
    setRefreshing(dataSource.id);
    setNotice(null);
    setFailure(null);
    try {
      const { run } = await apiPost<{ run: TDataSourceRun }>(apiPaths.dataSourceRefresh(instanceId, dataSource.id));
      await replaceRow({ ...dataSource, lastRun: run });
      setNotice(t("dataSources.refreshQueued", { name: dataSource.name }));
    } catch (error) {
      setFailure({ error, title: t("dataSources.refreshFailed") });
    } finally {
      setRefreshing(null);
    }
  };

  const removeRow = (dataSource: TDataSource) => {
    setFailure(null);
    setNotice(t("dataSources.deleted", { name: dataSource.name }));
    void mutate((current) => current && { dataSources: current.dataSources.filter((ds) => ds.id !== dataSource.id) }, { revalidate: true });
  };

  const list = data?.dataSources;

  return (
    <>
      <PageHeader
        title={t("dataSources.title")}
        subtitle={t("dataSources.subtitle")}
        actions={canAdd ? <AddDataSource instanceId={instanceId} onCreated={(ds) => void replaceRow(ds)} /> : undefined}
      />
      <div className={styles.stack} aria-live="polite">
        {failure ? <ErrorBar error={failure.error} title={failure.title} /> : null}
        {notice ? (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <div className={styles.panel}>
        {error && !list ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!list && !error ? <TableSkeleton /> : null}
        {list && list.length === 0 ? <EmptyState icon={<DatabaseRegular />} title={t("dataSources.empty.title")} body={t("dataSources.empty.body")} /> : null}
        {list && list.length > 0 ? (
          <Table aria-label={t("dataSources.table")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "17%" }}>{t("dataSources.colName")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "7%" }}>{t("dataSources.colKind")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "18%" }}>{t("dataSources.colFile")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "15%" }}>{t("dataSources.colLastRefresh")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "6%" }}>{t("dataSources.colRows")}</TableHeaderCell>
                <TableHeaderCell style={{ width: "37%" }}>{t("common.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((ds) => {
                const run = ds.lastRun;
                const inProgress = isRunInProgress(run);
                return (
                  <TableRow key={ds.id}>
                    <TableCell>
                      <TableCellLayout className={styles.name} truncate>
                        {ds.name}
                      </TableCellLayout>
                    </TableCell>
                    <TableCell>{t(`dataSources.kind.${ds.kind}`)}</TableCell>
                    <TableCell>
                      {ds.latestUpload ? (
                        <TableCellLayout description={`${format.bytes(ds.latestUpload.sizeBytes)} · ${format.dateTime(ds.latestUpload.uploadedAt)}`}>
                          {ds.latestUpload.fileName}
                        </TableCellLayout>
                      ) : (
                        <span className={styles.muted}>{ds.kind === "upload" ? t("dataSources.noFile") : (ds.location ?? "—")}</span>
                      )}
                    </TableCell>
                    <TableCell>
                      {run ? (
                        <span className={styles.statusCell}>
                          {inProgress ? <Spinner size="extra-tiny" label={t("dataSources.refreshing")} /> : <RunStatusBadge status={run.status} />}
                          <span className={styles.muted}>{format.dateTime(run.finishedAt ?? run.submittedAt)}</span>
                        </span>
                      ) : (
                        <span className={styles.muted}>{t("dataSources.neverRefreshed")}</span>
                      )}
                    </TableCell>
                    <TableCell>{run?.rowCount == null ? "—" : format.number(run.rowCount)}</TableCell>
                    <TableCell>
                      <div className={styles.actions}>
                        {ds.kind === "upload" && canUpload ? (
                          <UploadFileButton
                            instanceId={instanceId}
                            dataSource={ds}
                            onUploaded={(updated, fileName) => {
                              setFailure(null);
                              setNotice(t("dataSources.uploaded", { file: fileName, name: ds.name }));
                              void replaceRow(updated);
                            }}
                            onError={(error) => {
                              setNotice(null);
                              setFailure({ error, title: t("dataSources.uploadFailed") });
                            }}
                          />
                        ) : null}
                        {canRefresh ? (
                          <Button
                            size="small"
                            icon={refreshing === ds.id ? <Spinner size="extra-tiny" /> : <ArrowSyncRegular />}
                            disabled={refreshing === ds.id || inProgress}
                            aria-label={t("dataSources.refreshLabel", { name: ds.name })}
                            onClick={() => void refresh(ds)}
                          >
                            {t("dataSources.refresh")}
                          </Button>
                        ) : null}
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<HistoryRegular />}
                          aria-label={t("dataSources.historyLabel", { name: ds.name })}
                          onPointerEnter={preloadOn(loadRunHistory)}
                          onFocus={preloadOn(loadRunHistory)}
                          onClick={() => {
                            setHistoryOpened(true);
                            setHistoryOf(ds);
                          }}
                        >
                          {t("dataSources.history")}
                        </Button>
                        {canDelete ? <DeleteDataSourceButton instanceId={instanceId} dataSource={ds} onDeleted={() => removeRow(ds)} /> : null}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        ) : null}
      </div>
      {historyOpened ? (
        <Suspense fallback={null}>
          <RunHistoryDrawer instanceId={instanceId} dataSource={historyOf} onClose={() => setHistoryOf(null)} />
        </Suspense>
      ) : null}
    </>
  );
};
