import { type Db, getDb } from "../db/client";
import type { TRefreshJob } from "./schemas";
import type { RefreshJobScope } from "./scope";
import { jobWithTasks, toRefreshJobDto } from "./to-job-dto";

/** The instance's full refresh jobs with their tasks, newest first, a page at a time. */
export const listRefreshJobs = async (
  scope: RefreshJobScope,
  page: { top: number; skip: number },
  db: Db = getDb(),
): Promise<{ jobs: TRefreshJob[]; total: number }> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const [jobs, total] = await Promise.all([
    db.refreshJob.findMany({ where, orderBy: [{ submittedAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.top, include: jobWithTasks }),
    db.refreshJob.count({ where }),
  ]);
  return { jobs: jobs.map(toRefreshJobDto), total };
};
