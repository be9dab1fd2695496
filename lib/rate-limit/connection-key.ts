import type { Principal } from "../auth/roles";

/**
 * The Power Automate connection a call comes through, as a rate-limit key, or undefined when the
 * token was not issued to one of the connector's clients (the app's own SPA, say: not limited).
 * A connection is one user (or the client itself, for client-credentials tokens) signed in through
 * the connector's client, in one tenant: so the key is tenant, client and subject, as JSON text
 * so that no separator inside an id can make two connections share a key.
 */
export const connectionKeyOf = (
  principal: Pick<Principal, "tenantId" | "userId" | "clientId">,
  connectorClientIds: readonly string[],
): string | undefined =>
  principal.clientId !== undefined && connectorClientIds.includes(principal.clientId)
    ? JSON.stringify([principal.tenantId, principal.clientId, principal.userId])
    : undefined;
