/** Every unification query is scoped to one tenant's instance. */
export type UnificationScope = { tenantId: string; instanceId: string };
