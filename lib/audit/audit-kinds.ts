// The audit log's vocabulary as plain values, for the screen's filters: importing them from
// schemas.ts would bring zod into that page's first load. schemas.ts builds its zod enums from these.

export const auditTargetTypes = ["triggerRegistration", "dataSource", "unification", "segment", "measure", "fullRefresh", "destination"] as const;
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
  // An instance's unification: its configuration replaced, a run requested (the target is the instance).
  unification: ["unification.configUpdated", "unification.runRequested"],
  segment: ["segment.created", "segment.updated", "segment.deleted"],
  measure: ["measure.created", "measure.updated", "measure.deleted"],
  // An instance's full refresh: a job requested or cancelled, its schedule changed (the target is the instance).
  fullRefresh: ["fullRefresh.requested", "fullRefresh.cancelRequested", "fullRefresh.scheduleUpdated"],
  destination: ["destination.created", "destination.updated", "destination.deleted"],
} as const satisfies Record<TAuditTargetType, readonly `${TAuditTargetType}.${string}`[]>;

export const auditActions = [...auditActionsByTarget.triggerRegistration, ...auditActionsByTarget.dataSource, ...auditActionsByTarget.unification,
  ...auditActionsByTarget.segment,
  ...auditActionsByTarget.measure,
  ...auditActionsByTarget.fullRefresh,
  ...auditActionsByTarget.destination,
] as const;

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;
