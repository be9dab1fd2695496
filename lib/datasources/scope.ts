/** Every data source query is scoped to one tenant's instance. */
export type DataSourceScope = { tenantId: string; instanceId: string };
