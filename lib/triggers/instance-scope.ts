/** The tenant and instance every registration query is confined to. */
export type InstanceScope = { tenantId: string; instanceId: string };
