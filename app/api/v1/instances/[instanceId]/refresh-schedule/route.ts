import { defineRoute } from "@/lib/api/define-route";
import { GetRefreshSchedule, UpdateRefreshSchedule } from "@/lib/api/operations/refresh-jobs";
import { routeMethods } from "@/lib/api/route-methods";
import { getRefreshSchedule } from "@/lib/refresh-jobs/schedule/get-refresh-schedule";
import { updateRefreshSchedule } from "@/lib/refresh-jobs/schedule/update-refresh-schedule";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetRefreshSchedule, async ({ instance }) => ({
    schedule: await getRefreshSchedule({ tenantId: instance.tenantId, instanceId: instance.id }),
  })),
  PUT: defineRoute(UpdateRefreshSchedule, async ({ instance, body, audit }) => ({
    schedule: await updateRefreshSchedule({ tenantId: instance.tenantId, instanceId: instance.id, instanceName: instance.name }, body, audit),
  })),
});
