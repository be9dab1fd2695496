/** Every destination query is scoped to one tenant's instance. */
export type DestinationScope = { tenantId: string; instanceId: string };
