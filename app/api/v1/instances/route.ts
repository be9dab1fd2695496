import { defineRoute } from "@/lib/api/define-route";
import { routeMethods } from "@/lib/api/route-methods";
import { listInstances } from "@/lib/instances/list-instances";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  // GET /api/v1/instances — the caller's tenant's instances
  GET: defineRoute({ role: "Viewer" }, async ({ principal }) => ({
    instances: await listInstances(principal.tenantId),
  })),
});
