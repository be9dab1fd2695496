"use client";

import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { describeAttemptError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TDeliveryAttempt } from "@/lib/delivery/schemas";
import { useWizardStyles } from "./trigger-wizard.styles";

/** What the endpoint answered to a test event, and what to do when it failed. */
export const AttemptResult = ({ attempt }: { attempt: TDeliveryAttempt }) => {
  const styles = useWizardStyles();
  const t = useT();
  const format = useFormat();
  const succeeded = attempt.outcome === "succeeded";
  const duration = format.duration(attempt.durationMs);
  return (
    <MessageBar intent={succeeded ? "success" : "error"} layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{succeeded ? t("attempt.succeededTitle") : t("attempt.failedTitle")}</MessageBarTitle>
        {attempt.statusCode === null ? t("attempt.noStatus", { duration }) : t("attempt.summary", { status: attempt.statusCode, duration })}
        {succeeded ? null : <div>{t("attempt.error", { error: describeAttemptError(attempt, { t, format }) })}</div>}
        {!succeeded ? <div>{t("attempt.whatToDo")}</div> : null}
        {attempt.responseBody ? (
          <>
            <div>{t("attempt.responseBody")}</div>
            <pre className={styles.code}>{attempt.responseBody}</pre>
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
};
