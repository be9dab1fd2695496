import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { getProfile } from "@/lib/unification/get-profile";
import { ZProfileParams } from "@/lib/unification/schemas";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances/:instanceId/profiles/:profileId — GetCustomerProfile with its source records and the rules that joined them
  GET: defineRoute({ role: "Viewer", params: ZProfileParams }, async ({ instance, params }) => ({
    profile: await getProfile({ tenantId: instance.tenantId, instanceId: instance.id }, params.profileId),
  })),
});
