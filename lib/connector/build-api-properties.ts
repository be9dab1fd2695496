import type { ConnectorAuth } from "./connector-auth";
import { connectorInfo } from "./connector-info";

// apiProperties.json: how Power Platform connects (the OAuth settings, from the app's identity
// settings through connector-auth.ts) and how the connector looks. paconn reads it beside the definition.

/** Where Power Platform's consent flow comes back to, for every custom connector with redirectMode Global. */
export const POWER_PLATFORM_REDIRECT_URL = "https://global.consent.azure-apim.net/redirect";

const customParametersOf = (auth: ConnectorAuth) =>
  auth.identityProvider === "aad"
    ? {
        resourceUri: { value: auth.resourceUri! },
        loginUri: { value: "https://login.microsoftonline.com" },
        tenantId: { value: auth.tenantId! },
      }
    : {
        authorizationUrl: { value: auth.authorizationUrl },
        tokenUrl: { value: auth.tokenUrl },
        refreshUrl: { value: auth.tokenUrl },
      };

export const buildApiProperties = (auth: ConnectorAuth) => ({
  properties: {
    connectionParameters: {
      token: {
        type: "oauthSetting",
        oAuthSettings: {
          identityProvider: auth.identityProvider,
          clientId: auth.clientId,
          scopes: [auth.scope],
          redirectMode: "Global",
          redirectUrl: POWER_PLATFORM_REDIRECT_URL,
          properties: { IsFirstParty: "False" },
          customParameters: customParametersOf(auth),
        },
      },
    },
    iconBrandColor: connectorInfo.iconBrandColor,
    capabilities: [],
    publisher: connectorInfo.publisher,
    stackOwner: connectorInfo.publisher,
  },
});
