// Fixed facts of the embedded provider (the identity contract): client ids, the API
// resource and the machine clients' identities.
export const SPA_CLIENT_ID = "audience-insights-spa";
export const CONNECTOR_CLIENT_ID = "audience-insights-connector";
export const API_AUDIENCE = "api://audience-insights";
export const API_SCOPE = `${API_AUDIENCE}/access_as_user`;
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
