"use client";

import { Body1, Button, Spinner } from "@fluentui/react-components";
import { SendRegular } from "@fluentui/react-icons/svg/send";
import { ErrorBar } from "@/components/common/error-bar";
import { triggerTypeName } from "@/components/common/trigger-subject";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDeliveryAttempt } from "@/lib/delivery/schemas";
import { AttemptResult } from "./attempt-result";
import { SigningSecret } from "./signing-secret";
import { useWizardStyles } from "./trigger-wizard.styles";
import { sendsToDestination, type WizardDraft } from "./wizard-state";

type Props = {
  draft: WizardDraft;
  /** What the trigger watches, as the trigger's page will name it; null for a whole-instance trigger. */
  subject: { term: string; value: string } | null;
  /** The type's own parameters in words (a threshold's), after the subject. */
  parameterRows: [string, string][];
  testing: boolean;
  testAttempt: TDeliveryAttempt | null;
  testError: unknown;
  onSendTest: () => void;
  /** Offered next to a test failure caused by the URL (refused host, invalid URL). */
  onChangeUrl?: () => void;
};

export const ReviewStep = ({ draft, subject, parameterRows, testing, testAttempt, testError, onSendTest, onChangeUrl }: Props) => {
  const styles = useWizardStyles();
  const t = useT();
  const rows: [string, string][] = [
    [t("wizard.review.destination"), t(`destinationType.${draft.destinationType}`)],
    [t("wizard.review.trigger"), triggerTypeName(draft.type, t)],
    ...(subject ? [[subject.term, subject.value] as [string, string]] : []),
    ...parameterRows,
    [t("wizard.review.displayName"), draft.displayName.trim()],
    sendsToDestination(draft) ? [t("wizard.review.exportDestination"), draft.destinationName] : [t("wizard.review.endpoint"), draft.callbackUrl.trim()],
  ];
  return (
    <>
      <dl className={styles.summary} aria-label={t("wizard.review.summary")}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: "contents" }}>
            <dt className={styles.summaryTerm}>{term}</dt>
            <dd className={styles.summaryValue}>{value}</dd>
          </div>
        ))}
      </dl>
      <Body1 as="p" className={styles.help}>
        {t("wizard.review.testHint")}
      </Body1>
      <div className={styles.testRow}>
        <Button icon={<SendRegular />} onClick={onSendTest} disabled={testing}>
          {t("wizard.sendTest")}
        </Button>
        {testing ? <Spinner size="tiny" label={t("wizard.sending")} /> : null}
      </div>
      {testError ? (
        <ErrorBar
          error={testError}
          title={t("wizard.testFailed")}
          action={onChangeUrl ? <Button onClick={onChangeUrl}>{t("wizard.changeUrl")}</Button> : undefined}
        />
      ) : null}
      {testAttempt ? <AttemptResult attempt={testAttempt} /> : null}
      {draft.signingSecret ? <SigningSecret secret={draft.signingSecret} /> : null}
    </>
  );
};
