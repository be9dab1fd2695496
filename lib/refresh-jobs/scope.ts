/** Every full refresh query is scoped to one tenant's instance. */
export type RefreshJobScope = { tenantId: string; instanceId: string };
