"use client";

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { describeError } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { DestinationIcon } from "@/components/export-destinations/destination-icon";
import { subjectRow } from "@/components/common/trigger-subject";
import { describeApiError } from "@/lib/i18n/error-messages";
import type { Formatters } from "@/lib/i18n/format";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import type { TDeliveryAttempt, TDraftTestFireResult } from "@/lib/delivery/schemas";
import type { TCreatedTriggerRegistration, TDestinationType } from "@/lib/triggers/schemas";
import { subjectKindOf, triggerVocabulary } from "@/lib/triggers/types/vocabulary";
import { ApiError, apiPost } from "@/lib/ui/api-client";
import { useDataSources, useMeasures, useSegments } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { stashOneTimeSecret } from "@/lib/ui/one-time-secret";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { can } from "@/lib/ui/auth/permissions";
import { onBeforeInteractiveRedirect } from "@/lib/ui/auth/redirect-drafts";
import { EmptyState } from "@/components/common/empty-state";
import { LockClosedRegular } from "@fluentui/react-icons/svg/lock-closed";
import { ChooseStep } from "./choose-step";
import { StepIndicator } from "./step-indicator";
import { useWizardStyles } from "./trigger-wizard.styles";
import { forgetSavedWizard, hasSavedWizard, type SavedWizard, saveWizard } from "./saved-wizard-storage";
import { emptyDraft, type FieldErrors, parameterPathOf, parameterRows, registrationBody, type WizardDraft, wizardSteps } from "./wizard-state";
import { preloadOn } from "@/components/common/preload";

// The first step shows at once; the later steps (a dropdown with its popup positioning, the review
// with its test event) and the checks (zod) load on demand, and usually before they are needed:
// when Next is hovered or focused.
const loadRules = () => import("./wizard-rules");
const loadLaterSteps = () => Promise.all([import("./configure-step"), import("./connect-step"), import("./review-step")]);
const ConfigureStep = lazy(() => import("./configure-step").then((m) => ({ default: m.ConfigureStep })));
const ConnectStep = lazy(() => import("./connect-step").then((m) => ({ default: m.ConnectStep })));
const ReviewStep = lazy(() => import("./review-step").then((m) => ({ default: m.ReviewStep })));
const TeamsCardPreview = lazy(() => import("./teams-card-preview").then((m) => ({ default: m.TeamsCardPreview })));
const preloadNextSteps = preloadOn(() => Promise.all([loadRules(), loadLaterSteps()]));

/** Which step shows a server-side issue for this field path. */
const stepOfPath = (path: string) =>
  path.startsWith("callbackUrl") || path === "destinationId" ? 2 : path.startsWith("displayName") || path.startsWith("parameters") ? 1 : path === "type" ? 0 : 3;

/**
 * Field errors, in the user's language, from the server's 422 details (`{ issues: [{ path, message }] }`,
 * messages mapped to the catalogs) or its URL refusal (by reason).
 */
const wizardFieldErrors = (error: unknown, i18n: { t: Translate; format: Formatters }): FieldErrors => {
  if (error instanceof ApiError && error.code === "callback_url_refused") return { callbackUrl: describeApiError(error, i18n) };
  // The chosen destination was removed or unshared meanwhile: said at its field, by its reason.
  if (error instanceof ApiError && (error.details as { reason?: unknown } | undefined)?.reason === "destination_not_available") {
    return { destinationId: describeApiError(error, i18n) };
  }
  return serverFieldErrors(error, i18n.t) ?? {};
};

type WizardProps = {
  instanceId: string;
  destinationType: TDestinationType;
  /** The POWER_AUTOMATE_URL setting: where the hand-off to Power Automate leads. */
  powerAutomateUrl: string;
};

/** Only roles that may set up triggers get the wizard (a Viewer following a link learns why not). */
export const TriggerWizard = (props: WizardProps) => {
  const t = useT();
  const user = useCurrentUser();
  const { instanceId, destinationType } = props;
  // Back from an interactive sign-in: the same step with what the user had typed (undefined while it is read).
  const [saved, setSaved] = useState<SavedWizard | null | undefined>(() => (hasSavedWizard(instanceId, destinationType) ? undefined : null));
  useEffect(() => {
    if (saved !== undefined) return;
    import("./saved-wizard").then(
      ({ readSavedWizard }) => setSaved(readSavedWizard(instanceId, destinationType)),
      () => setSaved(null),
    );
  }, [saved, instanceId, destinationType]);
  if (!user || saved === undefined) return <Spinner label={t("app.loading")} />;
  if (!can(user.role, "setUpTrigger")) {
    return (
      <EmptyState
        icon={<LockClosedRegular />}
        title={t("auth.notAllowed.title")}
        body={t("auth.notAllowed.body", { role: user.role ? t(`role.${user.role}`) : t("role.none") })}
      />
    );
  }
  return <TriggerWizardForm {...props} saved={saved} />;
};

const TriggerWizardForm = ({ instanceId, destinationType, powerAutomateUrl, saved }: WizardProps & { saved: SavedWizard | null }) => {
  const styles = useWizardStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const dataSources = useDataSources(instanceId);
  const [step, setStep] = useState(saved?.step ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [draft, setDraft] = useState<WizardDraft>(saved?.draft ?? emptyDraft(destinationType));
  const latest = useRef({ step, draft });
  useEffect(() => {
    latest.current = { step, draft };
  }, [step, draft]);
  useEffect(() => {
    forgetSavedWizard(instanceId, destinationType);
    return onBeforeInteractiveRedirect(() => saveWizard(instanceId, latest.current));
  }, [instanceId, destinationType]);
  const [testing, setTesting] = useState(false);
  const [testAttempt, setTestAttempt] = useState<TDeliveryAttempt | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // The watched subject's name (null: any data source), by what the chosen type watches.
  const subjectKind = subjectKindOf(draft.type);
  const segments = useSegments(instanceId, subjectKind === "segment");
  const measures = useMeasures(instanceId, subjectKind === "measure");
  const nameOf = (list: { id: string; name: string }[] | undefined, id: string | null) => (id ? (list?.find((item) => item.id === id)?.name ?? id) : null);
  const subjectName =
    subjectKind === "segment"
      ? nameOf(segments.data?.segments, draft.segmentId)
      : subjectKind === "measure"
        ? nameOf(measures.data?.measures, draft.measureId)
        : nameOf(dataSources.data?.dataSources, draft.dataSourceId);
  const subject = subjectRow(draft.type, subjectName, t);

  // Keep the suggested name in step with the choices (and the data source names once loaded) until the user edits it.
  const suggestion = t(triggerVocabulary[draft.type].catalog.defaultName, { subject: subject?.value ?? "" });
  useEffect(() => {
    setDraft((current) => (current.nameEdited || current.displayName === suggestion ? current : { ...current, displayName: suggestion }));
  }, [suggestion]);

  // Move focus to the new step's heading so keyboard and screen reader users land on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const update = (patch: Partial<WizardDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A test result describes the draft it was sent for; any change makes it stale.
    setTestAttempt(null);
    setTestError(null);
    setSaveError(null);
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key];
      // The type changed, and with it the fields: every parameter error is stale; else those of the changed fields.
      const paths = "type" in patch ? null : Object.keys(patch).flatMap((key) => parameterPathOf[key as keyof WizardDraft] ?? []);
      const stale = (key: string) =>
        paths === null
          ? key === "parameters" || key.startsWith("parameters.")
          : paths.length > 0 && (key === "parameters" || paths.some((path) => key === `parameters.${path}` || key.startsWith(`parameters.${path}.`)));
      for (const key of Object.keys(next)) if (stale(key)) delete next[key];
      return next;
    });
  };

  const validateStep = async (index: number): Promise<FieldErrors> => (await loadRules()).validateStep(index, draft, t);

  const next = async () => {
    const validated = step;
    const found = await validateStep(validated);
    setErrors(found);
    // To the step after the one checked: a quick second click (the checks load on demand) must not skip a step unchecked.
    if (Object.keys(found).length === 0) setStep(Math.min(validated + 1, wizardSteps.length - 1));
  };

  const showServerErrors = (error: unknown) => {
    const fields = wizardFieldErrors(error, { t, format });
    if (Object.keys(fields).length > 0) setErrors(fields);
  };

  const sendTest = async () => {
    try {
      // Inside the try: the checks load on demand, and a chunk that fails to load is shown too.
      const check = (await loadRules()).checkTestFire(draft, t);
      if (!check.ok) {
        setErrors(check.errors);
        return;
      }
      setTesting(true);
      setTestError(null);
      setTestAttempt(null);
      const result = await apiPost<TDraftTestFireResult>(apiPaths.registrationTestFire(instanceId), check.data);
      setTestAttempt(result.attempt);
      // A test on a shared destination signs with its secret, which stays its Admins'.
      const { signingSecret } = result;
      if (signingSecret) setDraft((current) => ({ ...current, signingSecret }));
    } catch (error) {
      setTestError(error);
      showServerErrors(error);
    } finally {
      setTesting(false);
    }
  };

  const save = async () => {
    try {
      // Inside the try: the checks load on demand, and a chunk that fails to load is shown too.
      const found = await validateStep(3);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        setStep(Math.min(...Object.keys(found).map(stepOfPath)));
        return;
      }
      setSaving(true);
      setSaveError(null);
      const created = await apiPost<TCreatedTriggerRegistration>(apiPaths.registrations(instanceId), registrationBody(draft));
      if (created.signingSecret) stashOneTimeSecret(created.registration.id, created.signingSecret);
      router.push(appPaths.trigger(instanceId, created.registration.id));
    } catch (error) {
      setSaveError(error);
      showServerErrors(error);
      setSaving(false);
    }
  };

  const stepLabels = [t("wizard.step.choose"), t("wizard.step.configure"), t("wizard.step.connect"), t("wizard.step.review")];
  const isLast = step === wizardSteps.length - 1;
  // Handed off to Power Automate, the flow's subscription is the registration: nothing to review or save here.
  const handedOff = step === 2 && draft.connectMode === "handoff";
  const urlProblem = Boolean(errors.callbackUrl || errors.destinationId) && step !== 2;

  return (
    <>
      <PageHeader title={t(`wizard.title.${destinationType}`)} titleSuffix={<DestinationIcon type={destinationType} />} />
      <section className={styles.surface} aria-labelledby="wizard-step-heading">
        <StepIndicator steps={stepLabels} current={step} />
        <div className={styles.body}>
          <h2 id="wizard-step-heading" tabIndex={-1} ref={headingRef} className={styles.stepHeading}>
            {t("wizard.stepOf", { current: step + 1, total: wizardSteps.length })}: {stepLabels[step]}
          </h2>
          {step === 0 ? <ChooseStep value={draft.type} error={errors.type} onChange={(type) => update({ type })} /> : null}
          <Suspense fallback={<Spinner label={t("app.loading")} />}>
            {step === 1 ? (
              <ConfigureStep
                instanceId={instanceId}
                draft={draft}
                dataSources={dataSources.data?.dataSources}
                dataSourcesError={dataSources.error}
                onRetry={() => void dataSources.mutate()}
                errors={errors}
                onChange={update}
                onDisplayNameChange={(displayName) => update({ displayName, nameEdited: true })}
              />
            ) : null}
            {step === 2 ? (
              <ConnectStep
                instanceId={instanceId}
                destinationType={destinationType}
                type={draft.type}
                connectMode={draft.connectMode}
                endpointKind={draft.endpointKind}
                destinationId={draft.destinationId}
                powerAutomateUrl={powerAutomateUrl}
                callbackUrl={draft.callbackUrl}
                error={errors.callbackUrl}
                destinationError={errors.destinationId}
                onChange={update}
              />
            ) : null}
            {step === 3 ? (
              <>
                <ReviewStep
                  draft={draft}
                  subject={subject}
                  parameterRows={parameterRows(draft, { t, format })}
                  testing={testing}
                  testAttempt={testAttempt}
                  testError={testError}
                  onSendTest={() => void sendTest()}
                  onChangeUrl={urlProblem ? () => setStep(2) : undefined}
                />
                {destinationType === "teams" ? <TeamsCardPreview instanceId={instanceId} draft={draft} /> : null}
                {saveError ? (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{t("wizard.saveFailed")}</MessageBarTitle>
                      {describeError(saveError, { t, format })}
                    </MessageBarBody>
                    {urlProblem ? (
                      <MessageBarActions>
                        <Button onClick={() => setStep(2)}>{t("wizard.changeUrl")}</Button>
                      </MessageBarActions>
                    ) : null}
                  </MessageBar>
                ) : null}
              </>
            ) : null}
          </Suspense>
        </div>
        <div className={styles.footer}>
          <Button onClick={() => setStep((s) => Math.max(s - 1, 0))} disabled={step === 0 || saving}>
            {t("common.back")}
          </Button>
          {isLast ? (
            <Button appearance="primary" onClick={() => void save()} disabled={saving || testing} icon={saving ? <Spinner size="tiny" /> : undefined}>
              {saving ? t("wizard.saving") : t("common.save")}
            </Button>
          ) : handedOff ? null : (
            <Button appearance="primary" onClick={() => void next()} onPointerEnter={preloadNextSteps} onFocus={preloadNextSteps}>
              {t("common.next")}
            </Button>
          )}
          <span className={styles.footerSpacer} />
          <Button appearance="subtle" aria-label={t("wizard.cancelLabel")} onClick={() => router.push(appPaths.exportDestinations(instanceId))} disabled={saving}>
            {t("common.cancel")}
          </Button>
        </div>
      </section>
    </>
  );
};
