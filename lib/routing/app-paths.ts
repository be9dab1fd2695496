// The app's page URLs in one place: the screens link with them, and so do messages sent out of the
// app (a Teams card's "Open in Audience Insights"), which is why they sit below both.
const enc = encodeURIComponent;

/** App (page) URLs. */
export const appPaths = {
  home: (instanceId: string) => `/instances/${enc(instanceId)}`,
  dataSources: (instanceId: string) => `/instances/${enc(instanceId)}/data-sources`,
  unify: (instanceId: string) => `/instances/${enc(instanceId)}/unify`,
  profiles: (instanceId: string) => `/instances/${enc(instanceId)}/profiles`,
  profile: (instanceId: string, profileId: string) => `/instances/${enc(instanceId)}/profiles/${enc(profileId)}`,
  segments: (instanceId: string) => `/instances/${enc(instanceId)}/segments`,
  newSegment: (instanceId: string) => `/instances/${enc(instanceId)}/segments/new`,
  segment: (instanceId: string, segmentId: string) => `/instances/${enc(instanceId)}/segments/${enc(segmentId)}`,
  editSegment: (instanceId: string, segmentId: string) => `/instances/${enc(instanceId)}/segments/${enc(segmentId)}/edit`,
  measures: (instanceId: string) => `/instances/${enc(instanceId)}/measures`,
  newMeasure: (instanceId: string) => `/instances/${enc(instanceId)}/measures/new`,
  measure: (instanceId: string, measureId: string) => `/instances/${enc(instanceId)}/measures/${enc(measureId)}`,
  editMeasure: (instanceId: string, measureId: string) => `/instances/${enc(instanceId)}/measures/${enc(measureId)}/edit`,
  exportDestinations: (instanceId: string, tab?: "discover" | "mine" | "triggers") =>
    `/instances/${enc(instanceId)}/admin/export-destinations${tab ? `?tab=${tab}` : ""}`,
  newTrigger: (instanceId: string, destination: "powerAutomate" | "webhook" | "teams") =>
    `/instances/${enc(instanceId)}/admin/export-destinations/new?destination=${destination}`,
  trigger: (instanceId: string, registrationId: string) =>
    `/instances/${enc(instanceId)}/admin/export-destinations/triggers/${enc(registrationId)}`,
  system: (instanceId: string) => `/instances/${enc(instanceId)}/admin/system`,
  apiReference: (instanceId: string) => `/instances/${enc(instanceId)}/api-reference`,
};
