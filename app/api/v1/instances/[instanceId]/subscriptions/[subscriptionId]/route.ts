import { defineRoute } from "@/lib/api/define-route";
import { DeleteSubscription } from "@/lib/api/operations/subscriptions";
import { routeMethods } from "@/lib/api/route-methods";
import { unsubscribe } from "@/lib/triggers/unsubscribe";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  DELETE: defineRoute(DeleteSubscription, async ({ params, instance, principal, audit }) => {
    await unsubscribe({ tenantId: instance.tenantId, instanceId: instance.id }, params.subscriptionId, principal, audit);
  }),
});
