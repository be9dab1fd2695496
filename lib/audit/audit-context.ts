/**
 * Who is acting and from where, captured once per request by the route wrapper and handed
 * to every domain write that records an audit entry.
 */
export type AuditContext = {
  actorId: string;
  actorName: string;
  tenantId: string;
  ip: string | null;
  userAgent: string | null;
};

const MAX_IP = 64;
const MAX_USER_AGENT = 512;

const clip = (value: string | null | undefined, max: number): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/**
 * The client address as the reverse proxy in front of the app reports it: the first hop of
 * X-Forwarded-For, else X-Real-IP. Without such a proxy these headers are whatever the
 * client sent, so the log shows "from where" as claimed, not as proven.
 */
export const clientIpOf = (headers: Headers): string | null =>
  clip(headers.get("x-forwarded-for")?.split(",")[0], MAX_IP) ?? clip(headers.get("x-real-ip"), MAX_IP);

export const auditContextOf = (
  req: Request,
  principal: { userId: string; displayName: string; tenantId: string },
): AuditContext => ({
  actorId: principal.userId,
  actorName: principal.displayName,
  tenantId: principal.tenantId,
  ip: clientIpOf(req.headers),
  userAgent: clip(req.headers.get("user-agent"), MAX_USER_AGENT),
});
