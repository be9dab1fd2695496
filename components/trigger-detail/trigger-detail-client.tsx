"use client";

import { Button, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1 } from "@fluentui/react-components";
import { ArrowLeftRegular } from "@fluentui/react-icons/svg/arrow-left";
import { PauseRegular } from "@fluentui/react-icons/svg/pause";
import { PlayRegular } from "@fluentui/react-icons/svg/play";
import { SendRegular } from "@fluentui/react-icons/svg/send";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import { mutate as globalMutate } from "swr";
import { AppLink } from "@/components/common/app-link";
import { DeleteWithConfirmation } from "@/components/common/delete-with-confirmation";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { RegistrationStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { subjectRow, triggerTypeName } from "@/components/common/trigger-subject";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { resumableStatuses } from "@/lib/triggers/registration-status-rules";
import type { TDelivery } from "@/lib/delivery/schemas";
import type { TTriggerRegistration } from "@/lib/triggers/schemas";
import { ApiError, apiDelete, apiPost } from "@/lib/ui/api-client";
import { useMeasure, useRegistration } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { takeOneTimeSecret } from "@/lib/ui/one-time-secret";
import { useCan } from "@/lib/ui/auth/current-user";
import { DeliveriesTable } from "./deliveries-table";
import { submissionKindOf, thresholdDetails, thresholdOf } from "./threshold-details";
import { useTriggerDetailStyles } from "./trigger-detail.styles";

// Shown only right after the wizard saved (the secret is shown once), so it loads only then.
const SigningSecret = lazy(() => import("@/components/trigger-wizard/signing-secret").then((m) => ({ default: m.SigningSecret })));

type Props = { instanceId: string; registrationId: string };

export const TriggerDetailClient = ({ instanceId, registrationId }: Props) => {
  const styles = useTriggerDetailStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const { data, error, mutate } = useRegistration(instanceId, registrationId);
  const threshold = thresholdOf(data?.registration);
  // A measure's values may be numbers or days: its own answer says which (a segment's size is a count).
  const measure = useMeasure(instanceId, threshold?.measureId ?? null);
  // Shown once, right after the wizard saved: read it in the initial state so a re-render keeps it.
  const [secret] = useState(() => takeOneTimeSecret(registrationId));
  const [busy, setBusy] = useState<null | "test" | "pause">(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canSendTest = useCan("sendTestEvent");
  const canPause = useCan("pauseTrigger");
  const canDelete = useCan("deleteTrigger");

  const backLink = (
    <AppLink href={appPaths.exportDestinations(instanceId, "triggers")} className={styles.back}>
      <ArrowLeftRegular aria-hidden /> {t("trigger.backToList")}
    </AppLink>
  );

  if (error) {
    return (
      <div className={styles.stack}>
        {backLink}
        <ErrorBar error={error} title={error instanceof ApiError && error.status === 404 ? t("trigger.notFound") : undefined} onRetry={() => void mutate()} />
      </div>
    );
  }
  if (!data) {
    return (
      <div className={styles.stack}>
        {backLink}
        <TableSkeleton rows={2} />
      </div>
    );
  }
  const registration = data.registration;
  // Every status is either pausable or resumable; the button offers whichever the API accepts.
  const resumable = resumableStatuses.includes(registration.status);
  const deliveriesKey = apiPaths.registrationDeliveries(instanceId, registrationId);

  const run = async (kind: "test" | "pause", action: () => Promise<void>) => {
    setBusy(kind);
    setActionError(null);
    setNotice(null);
    try {
      await action();
    } catch (cause) {
      setActionError(cause);
    } finally {
      setBusy(null);
    }
  };

  const sendTest = () =>
    run("test", async () => {
      await apiPost<{ delivery: TDelivery }>(apiPaths.registrationAction(instanceId, registrationId, "test-fire"));
      setNotice(t("trigger.testQueued"));
      await globalMutate(deliveriesKey);
    });

  const togglePause = () =>
    run("pause", async () => {
      const action = resumable ? "resume" : "pause";
      const result = await apiPost<{ registration: TTriggerRegistration }>(apiPaths.registrationAction(instanceId, registrationId, action));
      await mutate(result, { revalidate: false });
    });

  const remove = async () => {
    await apiDelete(apiPaths.registration(instanceId, registrationId));
    await globalMutate(apiPaths.registrations(instanceId));
  };

  const hint =
    registration.status === "failing"
      ? t("trigger.failingHint")
      : registration.status === "gone"
        ? t(registration.origin === "powerAutomate" ? "trigger.goneHintPowerAutomate" : "trigger.goneHint")
        : registration.status === "disabled"
          ? t("trigger.disabledHint")
          : null;

  const subject = subjectRow(registration.type, registration.subjectName, t);
  const details: [string, React.ReactNode, boolean?][] = [
    [t("trigger.type"), triggerTypeName(registration.type, t)],
    [
      t("trigger.destination"),
      registration.destination
        ? `${registration.destination.displayName} (${t(`destinationType.${registration.destination.type}`)})`
        : t(`destinationType.${registration.destinationType}`),
    ],
    ...(subject ? [[subject.term, subject.value] as [string, string]] : []),
    ...(threshold ? thresholdDetails(threshold, registration.thresholdState, measure.data?.measure.valueKind ?? "number", { t, format }) : []),
    ...(registration.type === "refresh.full.completed"
      ? [[t("trigger.submissionKind"), t(`wizard.configure.submissionKind.${submissionKindOf(registration.parameters)}`)] as [string, string]]
      : []),
    [t("trigger.created"), format.dateTime(registration.createdAt)],
    [t("trigger.lastFired"), format.dateTime(registration.lastFiredAt)],
    // A destination's endpoint is shown to Admins only (the API leaves it out for others).
    ...(registration.callbackUrl ? [[t("trigger.endpoint"), registration.callbackUrl, true] as [string, string, boolean]] : []),
  ];

  return (
    <div className={styles.stack}>
      <div>{backLink}</div>
      <PageHeader
        title={registration.displayName}
        titleSuffix={<RegistrationStatusBadge status={registration.status} />}
        actions={
          canSendTest || canPause || canDelete ? (
            // A group of buttons, each a tab stop: Fluent's Toolbar (one tab stop, arrow keys) brings a
            // focus manager (tabster) that would be most of this page's own weight.
            <div role="group" aria-label={t("common.actions")} className={styles.actions}>
              {canSendTest ? (
                <Button icon={busy === "test" ? <Spinner size="tiny" /> : <SendRegular />} disabled={busy !== null} onClick={() => void sendTest()}>
                  {t("trigger.sendTest")}
                </Button>
              ) : null}
              {canPause ? (
                <Button
                  icon={busy === "pause" ? <Spinner size="tiny" /> : resumable ? <PlayRegular /> : <PauseRegular />}
                  disabled={busy !== null}
                  onClick={() => void togglePause()}
                >
                  {resumable ? t("trigger.resume") : t("trigger.pause")}
                </Button>
              ) : null}
              {canDelete ? (
                <DeleteWithConfirmation
                  texts={{
                    title: t("trigger.deleteTitle"),
                    body: t("trigger.deleteBody", { name: registration.displayName }),
                    failed: t("trigger.actionFailed"),
                    deleting: t("trigger.deleting"),
                  }}
                  onDelete={remove}
                  onDeleted={() => router.push(appPaths.exportDestinations(instanceId, "triggers"))}
                />
              ) : null}
            </div>
          ) : undefined
        }
      />
      {actionError ? <ErrorBar error={actionError} title={t("trigger.actionFailed")} /> : null}
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {hint ? (
        <MessageBar intent={registration.status === "failing" ? "warning" : "error"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(`status.${registration.status}`)}</MessageBarTitle>
            {hint}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {secret ? (
        <Suspense fallback={null}>
          <SigningSecret secret={secret} />
        </Suspense>
      ) : null}
      <section className={styles.card} aria-labelledby="trigger-details-heading">
        <Subtitle1 as="h2" id="trigger-details-heading" className={styles.sectionTitle}>
          {t("trigger.details")}
        </Subtitle1>
        <dl className={styles.details}>
          {details.map(([term, value, wide]) => (
            <div key={term} className={mergeClasses(styles.detailItem, wide && styles.detailWide)}>
              <dt className={styles.term}>{term}</dt>
              <dd className={styles.value}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className={styles.card} aria-labelledby="deliveries-heading">
        <div className={styles.sectionHeader}>
          <Subtitle1 as="h2" id="deliveries-heading" className={styles.sectionTitle}>
            {t("deliveries.title")}
          </Subtitle1>
          <span className={styles.muted}>{t("deliveries.autoRefresh")}</span>
        </div>
        <DeliveriesTable
          instanceId={instanceId}
          registrationId={registrationId}
          registrationStatus={registration.status}
          onRegistrationChanged={() => mutate()}
        />
      </section>
    </div>
  );
};
