// The embedded identity provider's contract with the API: its clients and the API resource. The
// provider (lib/identity-provider) issues tokens with these; the API's auth configuration accepts them.
export const SPA_CLIENT_ID = "audience-insights-spa";
export const CONNECTOR_CLIENT_ID = "audience-insights-connector";
export const API_AUDIENCE = "api://audience-insights";
export const API_SCOPE = `${API_AUDIENCE}/access_as_user`;
