// Plain values, imported by lib/triggers/schemas.ts too (lib/destinations/schemas.ts imports that one).

/**
 * webhook: any HTTPS receiver; powerAutomate: a flow's "When an HTTP request is received" URL;
 * teams: a Teams Workflows webhook URL. A destination's type never changes (its triggers copy it).
 */
export const exportDestinationTypes = ["webhook", "powerAutomate", "teams"] as const;
export type TExportDestinationType = (typeof exportDestinationTypes)[number];
