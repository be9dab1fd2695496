import type { Role } from "../../auth/principal";

// What each role may do in the UI, mirroring the roles the API routes require (the API enforces
// them regardless). An action the user may not take is not shown at all.

const rank: Record<Role, number> = { Viewer: 0, Contributor: 1, Admin: 2 };

export const minimumRole = {
  setUpTrigger: "Contributor",
  manageDestinations: "Admin",
  sendTestEvent: "Contributor",
  pauseTrigger: "Contributor",
  deleteTrigger: "Contributor",
  replayDelivery: "Contributor",
  addDataSource: "Contributor",
  uploadFile: "Contributor",
  refreshDataSource: "Contributor",
  deleteDataSource: "Contributor",
  editUnification: "Admin",
  runUnification: "Contributor",
  editSegments: "Contributor",
  editMeasures: "Contributor",
  runFullRefresh: "Contributor",
  cancelFullRefresh: "Contributor",
  editRefreshSchedule: "Contributor",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof minimumRole;

export const can = (role: Role | null, action: Action) => role !== null && rank[role] >= rank[minimumRole[action]];

/** The highest known app role among a token's `roles` claim; null when it carries none. */
export const roleFromClaim = (roles: unknown): Role | null => {
  if (!Array.isArray(roles)) return null;
  const known = roles.filter((r): r is Role => typeof r === "string" && r in rank);
  return known.sort((a, b) => rank[b] - rank[a])[0] ?? null;
};
