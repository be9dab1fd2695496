// The audit log's vocabulary as plain values, for the screen's filters: importing them from
// schemas.ts would bring zod into that page's first load. schemas.ts builds its zod enums from these.

export const auditTargetTypes = ["triggerRegistration", "dataSource"] as const;
export type TAuditTargetType = (typeof auditTargetTypes)[number];

export const auditActionsByTarget = {
  triggerRegistration: [
    "triggerRegistration.created",
    "triggerRegistration.updated",
    "triggerRegistration.paused",
    "triggerRegistration.resumed",
    "triggerRegistration.deleted",
  ],
  dataSource: ["dataSource.created", "dataSource.deleted", "dataSource.uploaded", "dataSource.refreshRequested"],
} as const satisfies Record<TAuditTargetType, readonly `${TAuditTargetType}.${string}`[]>;

export const auditActions = [...auditActionsByTarget.triggerRegistration, ...auditActionsByTarget.dataSource] as const;

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;
