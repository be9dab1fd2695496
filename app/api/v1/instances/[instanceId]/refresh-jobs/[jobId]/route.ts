import { defineRoute } from "@/lib/api/define-route";
import { GetRefreshJob } from "@/lib/api/operations/refresh-jobs";
import { routeMethods } from "@/lib/api/route-methods";
import { getRefreshJob } from "@/lib/refresh-jobs/get-refresh-job";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetRefreshJob, async ({ instance, params }) => ({
    job: await getRefreshJob({ tenantId: instance.tenantId, instanceId: instance.id }, params.jobId),
  })),
});
