import { CONNECTOR_CLIENT_ID } from "../auth/embedded-identity";

// Fixed facts of the embedded provider: the identity contract (client ids, the API resource; in
// lib/auth, which accepts their tokens), Power Platform's redirect and the machine clients' identities.
export { API_AUDIENCE, API_SCOPE, CONNECTOR_CLIENT_ID, SPA_CLIENT_ID } from "../auth/embedded-identity";

/**
 * Where Power Platform sends a custom connector's OAuth sign-in back to (the `redirectUrl` of
 * apiProperties.json): a Power Automate connection signs its user in through the connector client.
 */
export const POWER_PLATFORM_REDIRECT_URI = "https://global.consent.azure-apim.net/redirect";

/** Who a client_credentials token speaks for: the client has no User row. */
export const machineClients: Record<string, { tenantId: string; role: "Admin" | "Contributor" | "Viewer"; name: string }> = {
  [CONNECTOR_CLIENT_ID]: { tenantId: "contoso", role: "Contributor", name: "Power Automate connector" },
};

/** `${APP_URL}` without a trailing slash, so `${appUrl}/` is the app's root. */
export const normalizeAppUrl = (appUrl: string) => appUrl.replace(/\/+$/, "");
