import { defineRoute } from "@/lib/api/define-route";
import { ListInstances } from "@/lib/api/operations/instances";
import { routeMethods } from "@/lib/api/route-methods";
import { listInstances } from "@/lib/instances/list-instances";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(ListInstances, async ({ principal }) => ({
    instances: await listInstances(principal.tenantId),
  })),
});
