// The trigger vocabulary as plain values, for screens that list it without validating anything:
// importing them from schemas.ts would bring zod into that page's first load. schemas.ts builds its
// zod enums from these.

export const dataSourceTriggerTypes = ["datasource.refresh.failed", "datasource.refresh.succeeded"] as const;
export const triggerTypes = dataSourceTriggerTypes;
