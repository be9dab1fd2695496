// The API's URLs in one place, so screens and tests agree on them.
const enc = encodeURIComponent;
const base = (instanceId: string) => `/api/v1/instances/${enc(instanceId)}`;

export const apiPaths = {
  instances: () => "/api/v1/instances",
  dataSources: (instanceId: string) => `${base(instanceId)}/data-sources`,
  dataSource: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}`,
  dataSourceUploads: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/uploads`,
  dataSourceRefresh: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/refresh`,
  dataSourceRuns: (instanceId: string, dataSourceId: string) => `${base(instanceId)}/data-sources/${enc(dataSourceId)}/runs`,
  registrations: (instanceId: string) => `${base(instanceId)}/trigger-registrations`,
  registrationTestFire: (instanceId: string) => `${base(instanceId)}/trigger-registrations/test-fire`,
  registration: (instanceId: string, registrationId: string) => `${base(instanceId)}/trigger-registrations/${enc(registrationId)}`,
  registrationAction: (instanceId: string, registrationId: string, action: "test-fire" | "pause" | "resume") =>
    `${base(instanceId)}/trigger-registrations/${enc(registrationId)}/${action}`,
  registrationDeliveries: (instanceId: string, registrationId: string) =>
    `${base(instanceId)}/trigger-registrations/${enc(registrationId)}/deliveries`,
  deliveryReplay: (instanceId: string, deliveryId: string) => `${base(instanceId)}/deliveries/${enc(deliveryId)}/replay`,
};

/** App (page) URLs. */
export const appPaths = {
  home: (instanceId: string) => `/instances/${enc(instanceId)}`,
  dataSources: (instanceId: string) => `/instances/${enc(instanceId)}/data-sources`,
  exportDestinations: (instanceId: string, tab?: "discover" | "mine") =>
    `/instances/${enc(instanceId)}/admin/export-destinations${tab ? `?tab=${tab}` : ""}`,
  newTrigger: (instanceId: string, destination: "powerAutomate" | "webhook") =>
    `/instances/${enc(instanceId)}/admin/export-destinations/new?destination=${destination}`,
  trigger: (instanceId: string, registrationId: string) =>
    `/instances/${enc(instanceId)}/admin/export-destinations/triggers/${enc(registrationId)}`,
};
