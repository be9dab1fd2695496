import { type AuthConfig, getAuthConfig } from "../auth/auth-config";
import { CONNECTOR_CLIENT_ID } from "../auth/embedded-identity";

/**
 * How Power Platform gets the connector's tokens, from the app's identity settings.
 *  - Microsoft Entra ID (ENTRA_TENANT_ID and ENTRA_CLIENT_ID set): the `aad` identity provider,
 *    for the API's audience (resourceUri) and scope, with ENTRA_CONNECTOR_CLIENT_ID (the app
 *    registration Power Platform signs users in with, whose tokens the API rate-limits as a
 *    connection's; its secret goes to paconn's --secret), else the app's own client id.
 *  - The embedded provider (the default): generic OAuth 2 (`oauth2`) against its own authorize
 *    and token endpoints, with its connector client (authorization code for a connection's user,
 *    client credentials for the connector's own calls). The embedded provider is a local stand-in:
 *    Power Platform reaches it only where it is published on a public address. The definition's
 *    description says so rather than pretend to be an Entra connector.
 */
export type ConnectorAuth = {
  identityProvider: "aad" | "oauth2";
  clientId: string;
  scope: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** `aad` only: the API's App ID URI, and the directory. */
  resourceUri?: string;
  tenantId?: string;
  /** A sentence for the definition's description. */
  note: string;
};

const ENTRA_LOGIN = "https://login.microsoftonline.com";

export const connectorAuthOf = (config: AuthConfig): ConnectorAuth => {
  if (config.mode === "entra") {
    const tenant = config.authority.split("/").at(-1)!;
    return {
      identityProvider: "aad",
      clientId: config.connectorClientIds[0] ?? config.spaClientId,
      scope: config.scope,
      // What Power Platform's aad connectors declare; the sign-in itself follows apiProperties' loginUri and tenantId.
      authorizationUrl: `${ENTRA_LOGIN}/${tenant}/oauth2/authorize`,
      tokenUrl: `${ENTRA_LOGIN}/${tenant}/oauth2/token`,
      resourceUri: config.audience,
      tenantId: tenant,
      note: "Sign in with Microsoft Entra ID.",
    };
  }
  return {
    identityProvider: "oauth2",
    clientId: config.connectorClientIds[0] ?? CONNECTOR_CLIENT_ID,
    scope: config.scope,
    authorizationUrl: `${config.issuer}/auth`,
    tokenUrl: `${config.issuer}/token`,
    note: "This server signs in with its embedded development identity provider: configure Microsoft Entra ID before importing the connector into Power Platform.",
  };
};

export const getConnectorAuth = (): ConnectorAuth => connectorAuthOf(getAuthConfig());
