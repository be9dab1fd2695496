"use client";

import { Badge, Button, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons/svg/arrow-clockwise";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { describeAttemptError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { isReplayAllowed } from "@/lib/triggers/registration-status-rules";
import type { TDelivery } from "@/lib/delivery/schemas";
import type { TRegistrationStatus } from "@/lib/triggers/schemas";
import { ApiError, apiPost } from "@/lib/ui/api-client";
import { useCan } from "@/lib/ui/auth/current-user";
import { apiPaths } from "@/lib/ui/api-paths";
import { useTriggerDetailStyles } from "./trigger-detail.styles";

type Props = {
  instanceId: string;
  delivery: TDelivery;
  /** The trigger's status decides whether Replay is offered (isReplayAllowed, as the API decides). */
  registrationStatus: TRegistrationStatus;
  onReplayed: () => void;
  /** Reloads the trigger: the API found it in another status than this page shows. */
  onRegistrationChanged: () => Promise<unknown>;
};

/** The attempts of one delivery, the exact payload sent, and Replay. */
export const DeliveryDetails = ({ instanceId, delivery, registrationStatus, onReplayed, onRegistrationChanged }: Props) => {
  const styles = useTriggerDetailStyles();
  const t = useT();
  const format = useFormat();
  const [replaying, setReplaying] = useState(false);
  const [replayError, setReplayError] = useState<unknown>(null);
  const [replayed, setReplayed] = useState(false);
  const canReplay = useCan("replayDelivery");
  const replayAllowed = isReplayAllowed(registrationStatus);
  const replayNote =
    !replayAllowed
      ? t("deliveries.replayUnavailableGone")
      : registrationStatus === "paused"
        ? t("deliveries.replayWhilePaused")
        : registrationStatus === "disabled"
          ? t("deliveries.replayWhileDisabled")
          : null;

  const replay = async () => {
    setReplaying(true);
    setReplayError(null);
    setReplayed(false);
    try {
      await apiPost<{ delivery: TDelivery }>(apiPaths.deliveryReplay(instanceId, delivery.id));
      setReplayed(true);
      onReplayed();
    } catch (error) {
      if (error instanceof ApiError && error.code === "registration_gone") {
        // The trigger went gone after this page loaded: once reloaded, Replay gives way to the note.
        await onRegistrationChanged();
      } else {
        setReplayError(error);
      }
    } finally {
      setReplaying(false);
    }
  };

  return (
    <div className={styles.detailPanel}>
      <div className={styles.panelHeader}>
        <Subtitle2 as="h3">{t("deliveries.attempts")}</Subtitle2>
        {canReplay && replayAllowed ? (
          <Button
            icon={replaying ? <Spinner size="tiny" /> : <ArrowClockwiseRegular />}
            disabled={replaying}
            aria-label={t("deliveries.replayLabel", { id: delivery.id })}
            onClick={() => void replay()}
          >
            {t("deliveries.replay")}
          </Button>
        ) : null}
      </div>
      {canReplay && replayNote ? <span className={styles.muted}>{replayNote}</span> : null}
      {replayError ? <ErrorBar error={replayError} title={t("trigger.actionFailed")} /> : null}
      {replayed ? (
        <span role="status" className={styles.muted}>
          {t("deliveries.replayed")}
        </span>
      ) : null}
      {delivery.status !== "succeeded" && (delivery.lastErrorCode || delivery.lastError) ? (
        <span className={styles.muted}>
          {t("deliveries.lastError", {
            error: describeAttemptError({ errorCode: delivery.lastErrorCode, errorDetails: delivery.lastErrorDetails, statusCode: delivery.lastStatusCode }, { t, format }),
          })}
        </span>
      ) : null}
      {delivery.nextAttemptAt ? <span className={styles.muted}>{t("deliveries.nextAttempt", { time: format.dateTimeSeconds(delivery.nextAttemptAt) })}</span> : null}
      {delivery.attempts.length === 0 ? (
        <span className={styles.muted}>{t("deliveries.noAttempts")}</span>
      ) : (
        <Table size="small" aria-label={t("deliveries.attempts")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: "48px" }}>{t("attempts.colNumber")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "10%" }}>{t("attempts.colReason")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "18%" }}>{t("attempts.colStarted")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "9%" }}>{t("attempts.colDuration")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "10%" }}>{t("attempts.colStatusCode")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "11%" }}>{t("attempts.colOutcome")}</TableHeaderCell>
              <TableHeaderCell>{t("attempts.colError")}</TableHeaderCell>
              <TableHeaderCell>{t("attempts.colResponse")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {delivery.attempts.map((attempt) => (
              <TableRow key={attempt.number}>
                <TableCell>{attempt.number}</TableCell>
                <TableCell>{t(`attempts.reason.${attempt.reason}`)}</TableCell>
                <TableCell>{format.dateTimeSeconds(attempt.startedAt)}</TableCell>
                <TableCell>{format.duration(attempt.durationMs)}</TableCell>
                <TableCell>{attempt.statusCode ?? "—"}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={attempt.outcome === "succeeded" ? "success" : "danger"}>
                    {t(`attempts.outcome.${attempt.outcome}`)}
                  </Badge>
                </TableCell>
                <TableCell>{attempt.outcome === "failed" ? describeAttemptError(attempt, { t, format }) : "—"}</TableCell>
                <TableCell>
                  <span className={styles.excerpt}>{attempt.responseBody ? attempt.responseBody.slice(0, 200) : "—"}</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Subtitle2 as="h3">{t("deliveries.payload")}</Subtitle2>
      <pre className={styles.code} tabIndex={0} aria-label={t("deliveries.payload")}>
        {JSON.stringify(delivery.payload, null, 2)}
      </pre>
    </div>
  );
};
