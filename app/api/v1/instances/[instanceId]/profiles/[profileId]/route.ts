import { defineRoute } from "@/lib/api/define-route";
import { GetCustomerProfile } from "@/lib/api/operations/unification";
import { routeMethods } from "@/lib/api/route-methods";
import { getProfile } from "@/lib/unification/get-profile";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetCustomerProfile, async ({ instance, params }) => ({
    profile: await getProfile({ tenantId: instance.tenantId, instanceId: instance.id }, params.profileId),
  })),
});
