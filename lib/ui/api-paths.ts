// The API's URLs in one place, so screens and tests agree on them.
const enc = encodeURIComponent;
const base = (instanceId: string) => `/api/v1/instances/${enc(instanceId)}`;

export const apiPaths = {
  instances: () => "/api/v1/instances",
  openApiDocument: () => "/api/v1/openapi.json",
  dataSources: (instanceId: string) => `${base(instanceId)}/data-sources`,
  dataSource: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}`,
  dataSourceUploads: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/uploads`,
  dataSourceRefresh: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/refresh`,
  dataSourceRuns: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/runs`,
  dataSourceColumnSamples: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/column-samples`,
  registrations: (instanceId: string, filter?: { origin?: "app" | "powerAutomate"; type?: string; owner?: "me" }) => {
    const query = new URLSearchParams(Object.entries(filter ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return `${base(instanceId)}/trigger-registrations${query.size > 0 ? `?${query.toString()}` : ""}`;
  },
  registrationTestFire: (instanceId: string) => `${base(instanceId)}/trigger-registrations/test-fire`,
  registrationPreview: (instanceId: string) => `${base(instanceId)}/trigger-registrations/preview`,
  registration: (instanceId: string, registrationId: string) => `${base(instanceId)}/trigger-registrations/${enc(registrationId)}`,
  registrationAction: (instanceId: string, registrationId: string, action: "test-fire" | "pause" | "resume") =>
    `${base(instanceId)}/trigger-registrations/${enc(registrationId)}/${action}`,
  registrationDeliveries: (instanceId: string, registrationId: string) =>
    `${base(instanceId)}/trigger-registrations/${enc(registrationId)}/deliveries`,
  destinations: (instanceId: string) => `${base(instanceId)}/destinations`,
  destination: (instanceId: string, destinationId: string, query?: { withTriggers: true }) =>
    `${base(instanceId)}/destinations/${enc(destinationId)}${query?.withTriggers ? "?withTriggers=true" : ""}`,
  deliveryReplay: (instanceId: string, deliveryId: string) => `${base(instanceId)}/deliveries/${enc(deliveryId)}/replay`,
  segments: (instanceId: string) => `${base(instanceId)}/segments`,
  segment: (instanceId: string, segmentId: string) => `${base(instanceId)}/segments/${enc(segmentId)}`,
  segmentPreview: (instanceId: string) => `${base(instanceId)}/segments/preview`,
  segmentMembers: (instanceId: string, segmentId: string, page: { top: number; skip: number }) =>
    `${base(instanceId)}/segments/${enc(segmentId)}/members?$top=${page.top}&$skip=${page.skip}`,
  measures: (instanceId: string) => `${base(instanceId)}/measures`,
  measure: (instanceId: string, measureId: string) => `${base(instanceId)}/measures/${enc(measureId)}`,
  unificationConfig: (instanceId: string) => `${base(instanceId)}/unification/config`,
  unificationRuns: (instanceId: string, page?: { top: number; skip: number }) =>
    `${base(instanceId)}/unification/runs${page ? `?$top=${page.top}&$skip=${page.skip}` : ""}`,
  unificationRun: (instanceId: string, runId: string) => `${base(instanceId)}/unification/runs/${enc(runId)}`,
  profiles: (instanceId: string, query: { search: string; top: number; skip: number }) => {
    const params = new URLSearchParams({ $top: String(query.top), $skip: String(query.skip) });
    if (query.search.trim()) params.set("search", query.search.trim());
    return `${base(instanceId)}/profiles?${params.toString()}`;
  },
  profile: (instanceId: string, profileId: string) => `${base(instanceId)}/profiles/${enc(profileId)}`,
  refreshJobs: (instanceId: string, page?: { top: number; skip: number }) =>
    `${base(instanceId)}/refresh-jobs${page ? `?$top=${page.top}&$skip=${page.skip}` : ""}`,
  refreshJob: (instanceId: string, jobId: string) => `${base(instanceId)}/refresh-jobs/${enc(jobId)}`,
  refreshJobCancel: (instanceId: string, jobId: string) => `${base(instanceId)}/refresh-jobs/${enc(jobId)}/cancel`,
  refreshSchedule: (instanceId: string) => `${base(instanceId)}/refresh-schedule`,
};

/** The Power Platform custom connector, public. */
export const connectorPaths = {
  apiDefinition: () => "/api/connector/apiDefinition.swagger.json",
  apiProperties: () => "/api/connector/apiProperties.json",
  package: () => "/api/connector/package.zip",
};

export { appPaths } from "../routing/app-paths";
