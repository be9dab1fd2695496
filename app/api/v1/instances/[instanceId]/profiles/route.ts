import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listProfiles } from "@/lib/unification/list-profiles";
import { ZListProfilesQuery, ZUnificationParams } from "@/lib/unification/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/profiles — ListCustomerProfiles: search, $top / $skip, total
  GET: defineRoute({ role: "Viewer", params: ZUnificationParams, query: ZListProfilesQuery }, async ({ instance, query }) =>
    listProfiles({ tenantId: instance.tenantId, instanceId: instance.id }, query),
  ),
});
