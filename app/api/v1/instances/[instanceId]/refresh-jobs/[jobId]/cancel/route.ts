import { defineRoute } from "@/lib/api/define-route";
import { CancelRefreshJob } from "@/lib/api/operations/refresh-jobs";
import { routeMethods } from "@/lib/api/route-methods";
import { cancelRefreshJob } from "@/lib/refresh-jobs/cancel-refresh-job";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // 202: the worker stops the job before its next task.
  POST: defineRoute(CancelRefreshJob, async ({ instance, params, audit }) => ({
    job: await cancelRefreshJob({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, params.jobId, audit),
  })),
});
