import { defineRoute } from "@/lib/api/define-route";
import { ListCustomerProfiles } from "@/lib/api/operations/unification";
import { routeMethods } from "@/lib/api/route-methods";
import { listProfiles } from "@/lib/unification/list-profiles";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListCustomerProfiles, async ({ instance, query }) =>
    listProfiles({ tenantId: instance.tenantId, instanceId: instance.id }, query),
  ),
});
