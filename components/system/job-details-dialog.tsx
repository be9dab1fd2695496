"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TRefreshJob } from "@/lib/refresh-jobs/schemas";
import { JobSummary } from "./job-summary";
import { JobTasks } from "./job-tasks";
import { useSystemStyles } from "./system.styles";

/** One job of the history: its status, error and every task. Loaded when a job is opened. */
export default function JobDetailsDialog({ job, onClose }: { job: TRefreshJob | null; onClose: () => void }) {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  return (
    <Dialog open={job !== null} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined} className={styles.detailsSurface}>
        <DialogBody>
          <DialogTitle>{job ? t("system.history.detailsTitle", { time: format.dateTimeSeconds(job.submittedAt) }) : ""}</DialogTitle>
          <DialogContent className={layout.stack}>
            {job ? <JobSummary job={job} /> : null}
            {job ? <JobTasks tasks={job.tasks} label={t("system.tasks.tableOf", { time: format.dateTimeSeconds(job.submittedAt) })} /> : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t("common.close")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
