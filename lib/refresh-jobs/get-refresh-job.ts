import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import type { TRefreshJob } from "./schemas";
import type { RefreshJobScope } from "./scope";
import { jobWithTasks, toRefreshJobDto } from "./to-job-dto";

/** A job with its tasks, live while it runs. */
export const getRefreshJob = async (scope: RefreshJobScope, jobId: string, db: Db = getDb()): Promise<TRefreshJob> => {
  const job = await db.refreshJob.findFirst({ where: { id: jobId, tenantId: scope.tenantId, instanceId: scope.instanceId }, include: jobWithTasks });
  if (!job) throw notFound("refreshJob");
  return toRefreshJobDto(job);
};
