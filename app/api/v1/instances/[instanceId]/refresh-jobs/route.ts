import { defineRoute } from "@/lib/api/define-route";
import { ListRefreshJobs, StartFullRefresh } from "@/lib/api/operations/refresh-jobs";
import { routeMethods } from "@/lib/api/route-methods";
import { listRefreshJobs } from "@/lib/refresh-jobs/list-refresh-jobs";
import { requestFullRefresh } from "@/lib/refresh-jobs/request-full-refresh";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListRefreshJobs, async ({ instance, query }) =>
    listRefreshJobs({ tenantId: instance.tenantId, instanceId: instance.id }, { top: query.$top, skip: query.$skip }),
  ),
  // 202 with the queued job, or with the job already queued or running (as StartUnification).
  POST: defineRoute(StartFullRefresh, async ({ instance, audit }) => {
    const { job } = await requestFullRefresh({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, { audit });
    return { job };
  }),
});
