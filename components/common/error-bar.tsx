"use client";

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { describeApiError } from "@/lib/i18n/error-messages";
import type { Formatters } from "@/lib/i18n/format";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import { ApiError } from "@/lib/ui/api-client";

/**
 * The sentence to show for any failure, from the catalogs: a server error by its code and details
 * (never its English message, which is for developers), a failure of the call itself by its client code.
 */
export const describeError = (error: unknown, i18n: { t: Translate; format: Formatters }) => {
  const { t } = i18n;
  if (error instanceof ApiError) {
    if (error.code === "network_error") return t("common.networkError");
    if (error.code === "sign_in_required") return t("common.signInRequired");
    if (error.code === "sign_in_failed") return t("common.signInFailed");
    if (error.code === "unexpected_response") return t("common.unexpectedResponse", { status: error.status });
    return describeApiError(error, i18n);
  }
  return t("common.loadFailed");
};

type Props = { error: unknown; title?: string; onRetry?: () => void; action?: React.ReactNode; className?: string };

export const ErrorBar = ({ error, title, onRetry, action, className }: Props) => {
  const t = useT();
  const format = useFormat();
  return (
    <MessageBar intent="error" layout="multiline" className={className}>
      <MessageBarBody>
        <MessageBarTitle>{title ?? t("common.errorTitle")}</MessageBarTitle>
        {describeError(error, { t, format })}
      </MessageBarBody>
      {onRetry || action ? (
        <MessageBarActions>
          {action}
          {onRetry ? <Button onClick={onRetry}>{t("common.retry")}</Button> : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
};
