import { defineRoute } from "@/lib/api/define-route";
import { listInstances } from "@/lib/instances/list-instances";

// GET /api/v1/instances — the caller's tenant's instances
export const GET = defineRoute({ role: "Viewer" }, async ({ principal }) => ({
  instances: await listInstances(principal.tenantId),
}));
