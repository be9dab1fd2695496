import { defineRoute } from "@/lib/api/define-route";
import { OnDataSourceRefreshFailed } from "@/lib/api/operations/subscriptions";
import { routeMethods } from "@/lib/api/route-methods";
import { handleSubscribe } from "@/lib/api/subscribe-route";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(OnDataSourceRefreshFailed, (ctx) => handleSubscribe(OnDataSourceRefreshFailed, ctx)),
});
