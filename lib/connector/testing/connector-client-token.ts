import { mintAccessToken } from "../../auth/testing/test-tokens";
import { API_SCOPE, CONNECTOR_CLIENT_ID, machineClients } from "../../identity-provider/clients";

/**
 * A client-credentials access token of the connector's OAuth client, with the claims the embedded
 * provider issues for one (identity-provider.int.test.ts holds the provider to them): the client is
 * the subject, with its tenant and role, and no user name. Signed with the tests' key, which the
 * API trusts in tests, so no provider needs to run.
 */
export const connectorClientToken = () => {
  const client = machineClients[CONNECTOR_CLIENT_ID]!;
  return mintAccessToken(
    { sub: CONNECTOR_CLIENT_ID, tid: client.tenantId, roles: [client.role] },
    { claims: { client_id: CONNECTOR_CLIENT_ID, scope: API_SCOPE, name: undefined, preferred_username: undefined } },
  );
};
