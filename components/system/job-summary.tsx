"use client";

import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { JobStatusBadge } from "@/components/common/status-badges";
import { describeRefreshJobError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TRefreshJob } from "@/lib/refresh-jobs/schemas";
import { useSystemStyles } from "./system.styles";

/** A job's status, when and how it was submitted, how long it took, and its error. */
export const JobSummary = ({ job }: { job: TRefreshJob }) => {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <span className={layout.actions}>
        <JobStatusBadge status={job.status} />
        <span className={layout.muted}>
          {t("system.job.submitted", { time: format.dateTimeSeconds(job.submittedAt), kind: t(`runs.submission.${job.submissionKind}`).toLowerCase() })}
          {job.durationMs !== null ? ` · ${t("unify.stage.took", { duration: format.duration(job.durationMs) })}` : ""}
          {job.cancelRequestedAt && (job.status === "queued" || job.status === "running") ? ` · ${t("system.job.cancelRequested")}` : ""}
        </span>
      </span>
      {job.error ? (
        <MessageBar intent={job.status === "cancelled" ? "warning" : "error"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(`system.job.ended.${job.status === "cancelled" ? "cancelled" : "failed"}`)}</MessageBarTitle>
            {describeRefreshJobError(job.error, { t, format })} <span className={styles.code}>({job.error.code})</span>
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
};
