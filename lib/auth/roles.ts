export const roles = ["Viewer", "Contributor", "Admin"] as const;
export type Role = (typeof roles)[number];

export type Principal = {
  /** The token's `sub`: a user id, or a machine client's id for client-credentials tokens. */
  userId: string;
  tenantId: string;
  role: Role;
  displayName: string;
  /** The OAuth client the token was issued to (the SPA, the Power Automate connector, …), when the token says. */
  clientId?: string;
};

export const hasRole = (principal: Principal, required: Role) =>
  roles.indexOf(principal.role) >= roles.indexOf(required);

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** The highest of the product's roles among a token's `roles` claim; others (e.g. Entra's extras) are ignored. */
export const highestRole = (claimed: readonly string[]): Role | undefined => {
  const known = claimed.filter(isRole);
  return known.length ? known.reduce((a, b) => (roles.indexOf(a) >= roles.indexOf(b) ? a : b)) : undefined;
};
