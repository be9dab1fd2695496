// URLs of the audit log, for the screen, the navigation and tests.
const enc = encodeURIComponent;

export type AuditLogFilters = {
  instanceId?: string;
  targetType?: string;
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
};

export const auditPaths = {
  api: (filters: AuditLogFilters = {}) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") query.set(key, String(value));
    const text = query.toString();
    return `/api/v1/audit-log${text ? `?${text}` : ""}`;
  },
  actors: () => "/api/v1/audit-log/actors",
  page: (instanceId: string) => `/instances/${enc(instanceId)}/admin/audit-log`,
};
