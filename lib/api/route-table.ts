import type { HttpMethod } from "./http-methods";

/**
 * The methods each API address serves, by its route file's path under app/. The answers given
 * before Next.js routes a request (a method no route handler can export, such as PROPFIND or
 * TRACE) need a route's Allow list without loading the route; routes.int.test.ts checks this
 * table against the route files themselves, so it cannot drift from them.
 */
export const apiRouteTable: Readonly<Record<string, readonly HttpMethod[]>> = {
  "/api/v1/audit-log": ["GET"],
  "/api/v1/audit-log/actors": ["GET"],
  "/api/v1/instances": ["GET"],
  "/api/v1/openapi.json": ["GET"],
  "/api/connector/apiDefinition.swagger.json": ["GET"],
  "/api/connector/apiProperties.json": ["GET"],
  "/api/connector/package.zip": ["GET"],
  "/api/v1/instances/[instanceId]/data-sources": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]": ["GET", "DELETE"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh": ["POST"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs": ["GET"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs/[runId]": ["GET"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/column-samples": ["GET"],
  "/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/uploads": ["POST"],
  "/api/v1/instances/[instanceId]/deliveries/[deliveryId]/replay": ["POST"],
  "/api/v1/instances/[instanceId]/destinations": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/destinations/[destinationId]": ["GET", "DELETE", "PATCH"],
  "/api/v1/instances/[instanceId]/measures": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/measures/[measureId]": ["GET", "DELETE", "PATCH"],
  "/api/v1/instances/[instanceId]/profiles": ["GET"],
  "/api/v1/instances/[instanceId]/refresh-jobs": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/refresh-jobs/[jobId]": ["GET"],
  "/api/v1/instances/[instanceId]/refresh-jobs/[jobId]/cancel": ["POST"],
  "/api/v1/instances/[instanceId]/refresh-schedule": ["GET", "PUT"],
  "/api/v1/instances/[instanceId]/profiles/[profileId]": ["GET"],
  "/api/v1/instances/[instanceId]/segments": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/segments/preview": ["POST"],
  "/api/v1/instances/[instanceId]/segments/[segmentId]": ["GET", "DELETE", "PATCH"],
  "/api/v1/instances/[instanceId]/segments/[segmentId]/members": ["GET"],
  "/api/v1/instances/[instanceId]/subscriptions/data-source-refresh-failed": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/data-source-refresh-succeeded": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/segment-threshold-crossed": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/measure-threshold-crossed": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/full-refresh-completed": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/unification-completed": ["POST"],
  "/api/v1/instances/[instanceId]/subscriptions/[subscriptionId]": ["DELETE"],
  "/api/v1/instances/[instanceId]/trigger-registrations": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/trigger-registrations/test-fire": ["POST"],
  "/api/v1/instances/[instanceId]/trigger-registrations/preview": ["POST"],
  "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]": ["GET", "DELETE", "PATCH"],
  "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/deliveries": ["GET"],
  "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause": ["POST"],
  "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume": ["POST"],
  "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/test-fire": ["POST"],
  "/api/v1/instances/[instanceId]/unification/config": ["GET", "PUT"],
  "/api/v1/instances/[instanceId]/unification/runs": ["GET", "POST"],
  "/api/v1/instances/[instanceId]/unification/runs/[runId]": ["GET"],
};

const isDynamic = (segment: string) => segment.startsWith("[");

const matches = (pattern: string[], path: string[]) =>
  pattern.length === path.length && pattern.every((segment, i) => (isDynamic(segment) ? path[i] !== "" : segment === path[i]));

// Next.js prefers a static segment to a dynamic one at the same place (…/trigger-registrations/test-fire
// is not a registration id): of the patterns that match, the one whose first dynamic segment comes latest.
const specificity = (pattern: string[]) => {
  const firstDynamic = pattern.findIndex(isDynamic);
  return firstDynamic === -1 ? pattern.length : firstDynamic;
};

const patterns = Object.entries(apiRouteTable).map(([pattern, methods]) => ({ segments: pattern.split("/"), pattern, methods }));

/** The route-file pattern serving `pathname` (no query), or undefined where no route is (a 404). */
export const apiRouteAt = (pathname: string): { pattern: string; methods: readonly HttpMethod[] } | undefined => {
  const path = pathname.replace(/\/+$/, "").split("/");
  let best: (typeof patterns)[number] | undefined;
  for (const candidate of patterns) {
    if (!matches(candidate.segments, path)) continue;
    if (!best || specificity(candidate.segments) > specificity(best.segments)) best = candidate;
  }
  return best && { pattern: best.pattern, methods: best.methods };
};
