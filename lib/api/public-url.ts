import { getAppUrl } from "../auth/auth-config";

/**
 * An absolute URL on the app's public origin (APP_URL, else http://localhost:PORT): what a client
 * outside reaches (a 201's Location, the connector's host). Never built from the request's Host or
 * X-Forwarded-* headers, which the app does not trust for its own address.
 */
export const publicUrl = (path: string): string => new URL(path, `${getAppUrl()}/`).toString();
