import { defineRoute } from "@/lib/api/define-route";
import { OnSegmentThresholdCrossed } from "@/lib/api/operations/subscriptions";
import { routeMethods } from "@/lib/api/route-methods";
import { handleSubscribe } from "@/lib/api/subscribe-route";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  POST: defineRoute(OnSegmentThresholdCrossed, (ctx) => handleSubscribe(OnSegmentThresholdCrossed, ctx)),
});
