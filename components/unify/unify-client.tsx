"use client";

import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { PlayRegular } from "@fluentui/react-icons/svg/play";
import { SaveRegular } from "@fluentui/react-icons/svg/save";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { preloadOn } from "@/components/common/preload";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { RunStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { Tabs } from "@/components/common/tabs";
import { describeUnificationRunError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TStageCounts, TUnificationRun } from "@/lib/unification/schemas";
import { apiPost, apiPut } from "@/lib/ui/api-client";
import { isRunInProgress, type TUnificationConfigView, useDataSources, useUnificationConfig, useUnificationRuns } from "@/lib/ui/api-hooks";
import { apiPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { invalidValuesByColumn, lastStageCounts, matchedPairsByRule } from "./last-run-counts";
import { MapPanel } from "./map-panel";
import { RunStages } from "./run-stages";
import { configToForm, fieldErrorsOf, type FormDataSource, type FormTab, formAttributes, formToConfig, tabOfField, type UnifyForm } from "./unify-form";
import { useUnifyStyles } from "./unify.styles";

// Map is the first tab and ships with the screen; Match, Merge and the run history load with
// their tab (preloaded when it is hovered or focused), the schema check (zod) when Save is used.
const loadMatch = () => import("./match-panel");
const MatchPanel = lazy(loadMatch);
const loadMerge = () => import("./merge-panel");
const MergePanel = lazy(loadMerge);
const loadHistory = () => import("./run-history");
const RunHistory = lazy(loadHistory);
const loadCheck = () => import("./check-config");

type Tab = FormTab | "runs";

const RUNS_PAGE = 20;
const POLL_MS = 1500;

const toFormDataSources = (dataSources: ReadonlyArray<{ id: string; name: string; lastRun: { columns: string[] | null } | null }>): FormDataSource[] =>
  dataSources.map((ds) => ({ id: ds.id, name: ds.name, columns: ds.lastRun?.columns ?? null }));

const LatestRun = ({ run }: { run: TUnificationRun }) => {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  return (
    // Not a live region: its changes while polling would be read out piecemeal. The messages region
    // above announces the start and the end of a run.
    <section className={styles.panel} aria-labelledby="unify-latest-run">
      <div className={styles.toolbar}>
        <h2 id="unify-latest-run" className={styles.sectionTitle}>
          {t("unify.latestRun.title")}
        </h2>
        <span className={styles.actions}>
          <RunStatusBadge status={run.status} />
          <span className={styles.muted}>
            {t("unify.latestRun.submitted", { time: format.dateTimeSeconds(run.submittedAt), kind: t(`runs.submission.${run.submissionKind}`).toLowerCase() })}
            {run.durationMs !== null ? ` · ${t("unify.stage.took", { duration: format.duration(run.durationMs) })}` : ""}
          </span>
        </span>
      </div>
      {run.error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("unify.runs.failed")}</MessageBarTitle>
            {describeUnificationRunError(run.error, { t, format })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <RunStages stages={run.stages} />
    </section>
  );
};

export const UnifyClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const canEdit = useCan("editUnification");
  const canRun = useCan("runUnification");
  const configQuery = useUnificationConfig(instanceId);
  const dataSourcesQuery = useDataSources(instanceId);
  const poll = { refreshInterval: (latest?: { runs: TUnificationRun[] }) => (latest?.runs.some(isRunInProgress) ? POLL_MS : 0) };
  const latestRuns = useUnificationRuns(instanceId, { top: RUNS_PAGE, skip: 0 }, poll);
  const [runsPage, setRunsPage] = useState(0);
  // The page shown stays while the next one loads, so the focused Previous/Next button stays too.
  const pagedRuns = useUnificationRuns(instanceId, { top: RUNS_PAGE, skip: runsPage * RUNS_PAGE }, { ...poll, keepPreviousData: true });

  const [tab, setTab] = useState<Tab>("map");
  const [form, setForm] = useState<UnifyForm | null>(null);
  const [savedConfig, setSavedConfig] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [starting, setStarting] = useState(false);
  const [notice, setNotice] = useState<{ text: string; intent: "success" | "error" | "info" } | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; title: string } | null>(null);

  const formDataSources = useMemo(() => toFormDataSources(dataSourcesQuery.data?.dataSources ?? []), [dataSourcesQuery.data]);
  const resetForm = useCallback(
    (view: TUnificationConfigView) => {
      const next = configToForm(view.config, formDataSources);
      setForm(next);
      setSavedConfig(JSON.stringify(formToConfig(next)));
    },
    [formDataSources],
  );
  useEffect(() => {
    // The form starts from the saved configuration once, when it and the data sources have arrived.
    if (form === null && configQuery.data && dataSourcesQuery.data) resetForm(configQuery.data);
  }, [configQuery.data, dataSourcesQuery.data, form, resetForm]);

  const latestRun = latestRuns.data?.runs[0];
  // A run seen in progress that has finished replaces the notice with how it ended.
  const watchedRun = useRef<{ id: string; inProgress: boolean } | null>(null);
  useEffect(() => {
    if (!latestRun) return;
    const watched = watchedRun.current;
    const inProgress = isRunInProgress(latestRun);
    watchedRun.current = { id: latestRun.id, inProgress };
    if (inProgress || watched?.id !== latestRun.id || !watched.inProgress) return;
    const merge = latestRun.stages.find((stage) => stage.stage === "merge")?.counts as TStageCounts["merge"] | null | undefined;
    if (latestRun.status === "successful") {
      setNotice({ text: t("unify.runCompleted", { profiles: format.number(merge?.profilesOut ?? 0) }), intent: "success" });
    } else if (latestRun.error) {
      setNotice({ text: t("unify.runFailed", { reason: describeUnificationRunError(latestRun.error, { t, format }) }), intent: "error" });
    } else {
      setNotice({ text: t(latestRun.status === "skipped" ? "unify.runSkipped" : "unify.runs.failed"), intent: "error" });
    }
  }, [latestRun, t, format]);
  const mapCounts = useMemo(() => lastStageCounts(latestRuns.data?.runs, "map"), [latestRuns.data]);
  const matchCounts = useMemo(() => lastStageCounts(latestRuns.data?.runs, "match"), [latestRuns.data]);
  const invalidValues = useMemo(() => invalidValuesByColumn(mapCounts), [mapCounts]);
  const matchedPairs = useMemo(() => (matchCounts ? matchedPairsByRule(matchCounts) : null), [matchCounts]);
  const attributes = useMemo(() => (form ? formAttributes(form) : []), [form]);
  const dirty = form !== null && JSON.stringify(formToConfig(form)) !== savedConfig;
  const readOnly = !canEdit || saving;

  const errorCounts = Object.keys(errors).reduce<Record<Tab, number>>(
    (counts, field) => ({ ...counts, [tabOfField(field)]: counts[tabOfField(field)] + 1 }),
    { map: 0, match: 0, merge: 0, runs: 0 },
  );
  const tabLabel = (value: Tab) =>
    errorCounts[value] > 0 ? t("unify.tabWithErrors", { tab: t(`unify.tab.${value}`), count: errorCounts[value] }) : t(`unify.tab.${value}`);

  // Stable, so panels can use it in effects.
  const update = useCallback((change: (current: UnifyForm) => UnifyForm) => setForm((current) => (current ? change(current) : current)), []);

  // Editing a field clears its error (the tab counts follow): the fields name themselves with
  // data-field, as fieldOfIssue keys them.
  const clearEditedError = (event: { target: EventTarget }) => {
    const field = event.target instanceof Element ? event.target.closest("[data-field]")?.getAttribute("data-field") : null;
    if (field) setErrors((current) => (field in current ? Object.fromEntries(Object.entries(current).filter(([name]) => name !== field)) : current));
  };

  const save = async () => {
    if (!form) return;
    setNotice(null);
    setFailure(null);
    setSaving(true);
    try {
      const { checkConfig } = await loadCheck();
      const check = checkConfig(form, t);
      if (!check.ok) {
        setErrors(check.errors);
        setFailure({ error: null, title: t("unify.saveInvalid") });
        return;
      }
      const view = await apiPut<TUnificationConfigView>(apiPaths.unificationConfig(instanceId), check.config);
      await configQuery.mutate(view, { revalidate: false });
      resetForm(view);
      setErrors({});
      setNotice({ text: t("unify.saved"), intent: "success" });
    } catch (error) {
      // The form keeps everything typed; the server's issues go to their fields.
      const fields = serverFieldErrors(error, t);
      if (fields) {
        setErrors(fieldErrorsOf(form, Object.entries(fields).map(([path, message]) => ({ path, message }))));
        setFailure({ error: null, title: t("unify.saveInvalid") });
      } else {
        setFailure({ error, title: t("unify.saveFailed") });
      }
    } finally {
      setSaving(false);
    }
  };

  const startRun = async () => {
    setNotice(null);
    setFailure(null);
    setStarting(true);
    try {
      const { run } = await apiPost<{ run: TUnificationRun }>(apiPaths.unificationRuns(instanceId));
      // Watched from here: a run that ends before the refresh below still gets its end announced.
      watchedRun.current = { id: run.id, inProgress: true };
    } catch (error) {
      setFailure({ error, title: t("unify.runStartFailed") });
      setStarting(false);
      return;
    }
    // The run has started whatever the refresh does (SWR keeps a failed refresh's error on the
    // query); the button stays busy until the refresh shows the run in progress.
    setNotice({ text: t("unify.runQueued"), intent: "success" });
    void pagedRuns.mutate();
    const started = () => setStarting(false);
    void latestRuns.mutate().then(started, started);
  };

  const loadError = configQuery.error ?? dataSourcesQuery.error;
  const running = isRunInProgress(latestRun);

  return (
    <>
      <PageHeader
        title={t("unify.title")}
        subtitle={t("unify.subtitle")}
        actions={
          <>
            {/* disabledFocusable, not disabled: these buttons disable themselves while focused, and a
                disabled button drops the keyboard focus to the page. */}
            {canEdit && form ? (
              <Button
                appearance={dirty ? "primary" : "secondary"}
                icon={saving ? <Spinner size="extra-tiny" /> : <SaveRegular />}
                disabledFocusable={saving}
                onPointerEnter={preloadOn(loadCheck)}
                onFocus={preloadOn(loadCheck)}
                onClick={() => void save()}
              >
                {t("unify.save")}
              </Button>
            ) : null}
            {canRun ? (
              <Button
                appearance={dirty ? "secondary" : "primary"}
                icon={starting || running ? <Spinner size="extra-tiny" /> : <PlayRegular />}
                disabledFocusable={starting || running}
                onClick={() => void startRun()}
              >
                {running ? t("unify.running") : t("unify.run")}
              </Button>
            ) : null}
          </>
        }
      />
      <div className={styles.stack}>
        <div className={styles.messages} aria-live="polite">
          {failure ? (
            failure.error === null ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{failure.title}</MessageBarTitle>
                  {t("unify.fieldsNeedAttention", { count: Object.keys(errors).length })}
                  {errors.form ? ` ${errors.form}` : ""}
                </MessageBarBody>
              </MessageBar>
            ) : (
              <ErrorBar error={failure.error} title={failure.title} />
            )
          ) : null}
          {notice ? (
            <MessageBar intent={notice.intent}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          ) : null}
          {dirty && canRun ? (
            <MessageBar intent="info">
              <MessageBarBody>{t("unify.unsavedRunHint")}</MessageBarBody>
            </MessageBar>
          ) : null}
          {!canEdit ? (
            <MessageBar intent="info">
              <MessageBarBody>{t("unify.readOnly")}</MessageBarBody>
            </MessageBar>
          ) : null}
        </div>
        {latestRun ? <LatestRun run={latestRun} /> : null}
        {loadError && !form ? (
          <ErrorBar
            error={loadError}
            onRetry={() => {
              void configQuery.mutate();
              void dataSourcesQuery.mutate();
            }}
          />
        ) : null}
        <Tabs
          label={t("unify.tabs")}
          idPrefix="unify-tab"
          selected={tab}
          onSelect={setTab}
          tabs={[
            { value: "map", label: tabLabel("map") },
            { value: "match", label: tabLabel("match"), onIntent: preloadOn(loadMatch) },
            { value: "merge", label: tabLabel("merge"), onIntent: preloadOn(loadMerge) },
            { value: "runs", label: tabLabel("runs"), onIntent: preloadOn(loadHistory) },
          ]}
        />
        <div role="tabpanel" id="unify-tab-panel" aria-labelledby={`unify-tab-${tab}`} onChange={clearEditedError}>
          <Suspense fallback={<TableSkeleton />}>
            {tab === "runs" ? (
              pagedRuns.error && !pagedRuns.data ? (
                <ErrorBar error={pagedRuns.error} onRetry={() => void pagedRuns.mutate()} />
              ) : pagedRuns.data ? (
                <section className={styles.panel} aria-label={t("unify.tab.runs")}>
                  <RunHistory
                    runs={pagedRuns.data.runs}
                    total={pagedRuns.data.total}
                    page={runsPage}
                    pageSize={RUNS_PAGE}
                    onPage={setRunsPage}
                    busy={pagedRuns.isValidating}
                  />
                </section>
              ) : (
                <TableSkeleton />
              )
            ) : !form ? (
              loadError ? null : <TableSkeleton />
            ) : tab === "map" ? (
              <MapPanel
                instanceId={instanceId}
                form={form}
                onChange={update}
                errors={errors}
                readOnly={readOnly}
                attributes={attributes}
                invalidValues={invalidValues}
                hasLastRun={mapCounts !== null}
              />
            ) : tab === "match" ? (
              <MatchPanel form={form} onChange={update} errors={errors} readOnly={readOnly} attributes={attributes} matchedPairs={matchedPairs} />
            ) : (
              <MergePanel form={form} onChange={update} errors={errors} readOnly={readOnly} attributes={attributes} />
            )}
          </Suspense>
        </div>
      </div>
    </>
  );
};
