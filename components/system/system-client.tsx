"use client";

import { Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons/svg/arrow-sync";
import { DismissRegular } from "@fluentui/react-icons/svg/dismiss";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { ConfirmButton } from "@/components/common/confirm-button";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { preloadOn } from "@/components/common/preload";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TRefreshJob } from "@/lib/refresh-jobs/schemas";
import { apiPost } from "@/lib/ui/api-client";
import { isRunInProgress, useRefreshJob, useRefreshJobs, useRefreshSchedule } from "@/lib/ui/api-hooks";
import { apiPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { Tabs } from "@/components/common/tabs";
import { JobSummary } from "./job-summary";
import { JobTasks } from "./job-tasks";
import { useSystemStyles } from "./system.styles";

// The latest job ships with the screen; the history and the schedule editor (croner, the zone
// combobox) load with their tab (preloaded when it is hovered or focused), the cancel dialog with
// its button (ConfirmButton): all of them at once would take the screen over its first-load budget.
const loadHistory = () => import("./job-history");
const JobHistory = lazy(loadHistory);
const loadSchedule = () => import("./schedule-editor");
const ScheduleEditor = lazy(loadSchedule);

type Tab = "latest" | "history" | "schedule";

const JOBS_PAGE = 20;
const POLL_MS = 1000;
// While no job is in progress the latest one is asked for again now and then, so a job started
// elsewhere (another user, the schedule) shows up.
const LATEST_POLL_MS = 15_000;

type Notice = { text: string; intent: "success" | "error" | "warning" | "info" };

const endIntent: Record<TRefreshJob["status"], Notice["intent"]> = {
  queued: "info",
  running: "info",
  successful: "success",
  failed: "error",
  cancelled: "warning",
};

export const SystemClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const canRun = useCan("runFullRefresh");
  const canCancel = useCan("cancelFullRefresh");
  const canEditSchedule = useCan("editRefreshSchedule");

  const [tab, setTab] = useState<Tab>("latest");
  // The history and the schedule are fetched once their tab has been opened.
  const [openedTabs, setOpenedTabs] = useState<ReadonlySet<Tab>>(() => new Set(["latest"]));
  const selectTab = (next: Tab) => {
    setTab(next);
    setOpenedTabs((current) => (current.has(next) ? current : new Set(current).add(next)));
  };

  const latestJobs = useRefreshJobs(instanceId, { top: 1, skip: 0 }, { refreshInterval: (latest) => (isRunInProgress(latest?.jobs[0]) ? 0 : LATEST_POLL_MS) });
  const [historyPage, setHistoryPage] = useState(0);
  // The page shown stays while the next one loads, so the focused Previous/Next button stays too.
  const pagedJobs = useRefreshJobs(instanceId, openedTabs.has("history") ? { top: JOBS_PAGE, skip: historyPage * JOBS_PAGE } : null, { keepPreviousData: true });
  const scheduleQuery = useRefreshSchedule(instanceId, openedTabs.has("schedule"));

  const [startedJob, setStartedJob] = useState<TRefreshJob | null>(null);
  const listedJob = latestJobs.data?.jobs[0] ?? null;
  // The job this screen follows: the one it started, unless a later one is listed, else the instance's latest.
  const followedId = (startedJob && (!listedJob || listedJob.submittedAt < startedJob.submittedAt) ? startedJob.id : listedJob?.id) ?? null;
  const followed = useRefreshJob(instanceId, followedId, { refreshInterval: (latest) => (isRunInProgress(latest?.job) ? POLL_MS : 0) });
  const job = followed.data?.job.id === followedId ? followed.data.job : startedJob?.id === followedId ? startedJob : listedJob;
  const running = isRunInProgress(job);

  const [starting, setStarting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; title: string } | null>(null);
  const latestHeading = useRef<HTMLHeadingElement>(null);

  // A job seen in progress that has ended replaces the notice with how it ended.
  const watched = useRef<{ id: string; inProgress: boolean } | null>(null);
  const refreshLists = useRef(() => {});
  refreshLists.current = () => {
    void pagedJobs.mutate();
    void latestJobs.mutate();
  };
  useEffect(() => {
    if (!job) return;
    const previous = watched.current;
    const inProgress = isRunInProgress(job);
    watched.current = { id: job.id, inProgress };
    if (inProgress || previous?.id !== job.id || !previous.inProgress) return;
    const failed = job.tasks.filter((task) => task.status === "failed").length;
    const skipped = job.tasks.filter((task) => task.status === "skipped").length;
    setNotice({
      text: t(`system.ended.${job.status as "successful" | "failed" | "cancelled"}`, {
        duration: job.durationMs === null ? "—" : format.duration(job.durationMs),
        failed: format.number(failed),
        skipped: format.number(skipped),
      }),
      intent: endIntent[job.status],
    });
    refreshLists.current();
  }, [job, t, format]);

  const start = async () => {
    setNotice(null);
    setFailure(null);
    setStarting(true);
    try {
      const { job: started } = await apiPost<{ job: TRefreshJob }>(apiPaths.refreshJobs(instanceId));
      // The API answers with the job in progress when there is one: a scheduled job, or one this
      // screen had listed already, was not started by this click.
      const already = started.submissionKind === "scheduled" || (listedJob?.id === started.id && isRunInProgress(listedJob));
      watched.current = { id: started.id, inProgress: isRunInProgress(started) };
      setStartedJob(started);
      setNotice({ text: t(already ? "system.alreadyRunning" : "system.started"), intent: "info" });
      refreshLists.current();
    } catch (error) {
      setFailure({ error, title: t("system.startFailed") });
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    const { job: current } = await apiPost<{ job: TRefreshJob }>(apiPaths.refreshJobCancel(instanceId, job.id));
    await followed.mutate({ job: current }, { revalidate: true });
    setNotice({ text: t("system.cancelRequested"), intent: "info" });
  };

  return (
    <>
      <PageHeader
        title={t("system.title")}
        subtitle={t("system.subtitle")}
        actions={
          canRun ? (
            // disabledFocusable, not disabled: a disabled button drops the keyboard focus to the page.
            <Button appearance="primary" icon={starting || running ? <Spinner size="extra-tiny" /> : <ArrowSyncRegular />} disabledFocusable={starting || running} onClick={() => void start()}>
              {running ? t("system.running") : t("system.run")}
            </Button>
          ) : null
        }
      />
      <div className={layout.stack}>
        <div className={styles.messages} role="region" aria-label={t("system.messages")} aria-live="polite">
          {failure ? <ErrorBar error={failure.error} title={failure.title} /> : null}
          {notice ? (
            <MessageBar intent={notice.intent}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          ) : null}
          {!canRun ? (
            <MessageBar intent="info">
              <MessageBarBody>{t("system.readOnly")}</MessageBarBody>
            </MessageBar>
          ) : null}
        </div>

        <Tabs
          label={t("system.tabs")}
          idPrefix="system-tab"
          selected={tab}
          onSelect={selectTab}
          tabs={[
            { value: "latest", label: running ? t("system.latest.running") : t("system.latest.title") },
            { value: "history", label: t("system.history.title"), onIntent: preloadOn(loadHistory) },
            { value: "schedule", label: t("system.schedule.title"), onIntent: preloadOn(loadSchedule) },
          ]}
        />
        <div role="tabpanel" id="system-tab-panel" aria-labelledby={`system-tab-${tab}`}>
          {tab === "latest" ? (
            <section className={layout.panel} aria-labelledby="system-latest">
              <div className={layout.toolbar}>
                {/* Focusable so the focus has somewhere to go when the cancel dialog closes after the job ended. */}
                <h2 id="system-latest" ref={latestHeading} tabIndex={-1} className={layout.sectionTitle}>
                  {running ? t("system.latest.running") : t("system.latest.title")}
                </h2>
                {canCancel ? (
                  <ConfirmButton
                    available={job !== null && running}
                    fallbackFocus={latestHeading}
                    icon={<DismissRegular />}
                    disabledFocusable={job?.cancelRequestedAt != null}
                    texts={{
                      title: t("system.cancel.title"),
                      body: t("system.cancel.body"),
                      failed: t("system.cancel.failed"),
                      confirm: t("system.cancel.confirm"),
                      busy: t("system.cancel.cancelling"),
                      dismiss: t("system.cancel.keep"),
                    }}
                    onConfirm={cancel}
                  >
                    {t("system.cancel.button")}
                  </ConfirmButton>
                ) : null}
              </div>
              {job ? (
                <>
                  <JobSummary job={job} />
                  <JobTasks tasks={job.tasks} label={t("system.tasks.table")} />
                </>
              ) : latestJobs.error ? (
                <ErrorBar error={latestJobs.error} onRetry={() => void latestJobs.mutate()} />
              ) : latestJobs.data ? (
                <p className={layout.muted}>{t("system.latest.none")}</p>
              ) : (
                <TableSkeleton />
              )}
            </section>
          ) : tab === "history" ? (
            <section className={layout.panel} aria-labelledby="system-history">
              <h2 id="system-history" className={layout.sectionTitle}>
                {t("system.history.title")}
              </h2>
              <Suspense fallback={<TableSkeleton />}>
                {pagedJobs.error && !pagedJobs.data ? (
                  <ErrorBar error={pagedJobs.error} onRetry={() => void pagedJobs.mutate()} />
                ) : pagedJobs.data ? (
                  <JobHistory
                    jobs={pagedJobs.data.jobs}
                    total={pagedJobs.data.total}
                    page={historyPage}
                    pageSize={JOBS_PAGE}
                    onPage={setHistoryPage}
                    busy={pagedJobs.isValidating}
                  />
                ) : (
                  <TableSkeleton />
                )}
              </Suspense>
            </section>
          ) : (
            <section className={layout.panel} aria-labelledby="system-schedule">
              <h2 id="system-schedule" className={layout.sectionTitle}>
                {t("system.schedule.title")}
              </h2>
              <Suspense fallback={<TableSkeleton />}>
                {scheduleQuery.error && !scheduleQuery.data ? (
                  <ErrorBar error={scheduleQuery.error} onRetry={() => void scheduleQuery.mutate()} />
                ) : scheduleQuery.data ? (
                  <ScheduleEditor
                    instanceId={instanceId}
                    schedule={scheduleQuery.data.schedule}
                    canEdit={canEditSchedule}
                    onSaved={(schedule) => void scheduleQuery.mutate({ schedule }, { revalidate: false })}
                  />
                ) : (
                  <TableSkeleton />
                )}
              </Suspense>
            </section>
          )}
        </div>
      </div>
    </>
  );
};
