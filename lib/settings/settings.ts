import path from "node:path";
import { z } from "zod";

// Every setting the product reads, parsed once. Defaults are the embedded mode:
// SQLite under data/, no outbound allow-list.
const ZSettings = z.object({
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().optional(),
  // Base64 of 32 bytes. When unset, a key is generated into DATA_DIR on first start.
  APP_ENCRYPTION_KEY: z.string().optional(),
  // Comma-separated hosts, IPs or CIDRs that delivery may reach although private
  // (local development and tests). Plain http is only allowed for these.
  DELIVERY_ALLOWED_HOSTS: z.string().default(""),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(30000).default(15000),
  WORKER_POLL_MS: z.coerce.number().int().min(1).max(10000).default(20),
  // How long a write may wait for a busy database (SQLite's write lock held by another
  // process, PostgreSQL conflicts being retried) before the API answers 503 with Retry-After.
  DATABASE_WRITE_WAIT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(128),
  // Directory that "file" data sources may read from, relative paths resolve inside it.
  DATA_SOURCES_DIR: z.string().optional(),
  PORT: z.coerce.number().int().default(3000),
  // Embedded OpenID Connect provider (https://localhost:IDP_PORT) and the app origin it serves.
  IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3443),
  // Where the browser reaches the app; default http://localhost:PORT. Redirect URIs and CORS use it.
  APP_URL: z.url().optional(),
  IDP_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  // Secret of the audience-insights-connector machine client; generated into DATA_DIR/oidc when unset.
  IDP_CONNECTOR_CLIENT_SECRET: z.string().min(16).optional(),
  // Comma-separated URLs where the connector's user sign-in may also return, besides Power Platform's
  // own (https://global.consent.azure-apim.net/redirect): a local stand-in for Power Automate in tests.
  IDP_CONNECTOR_REDIRECT_URIS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((uri) => uri.trim()).filter(Boolean))
    .pipe(z.array(z.url())),
  // Where the Power Automate tile's "Continue in Power Automate" leads. `{instanceId}` and `{operationId}`
  // (the connector's trigger, e.g. OnSegmentThresholdCrossed), when present, are filled in.
  POWER_AUTOMATE_URL: z.url({ protocol: /^https?$/ }).default("https://make.powerautomate.com/"),
  // Microsoft Entra ID instead of the embedded provider when both the tenant and the client id are set.
  // ENTRA_TENANT_ID is a directory id (GUID or domain), or "organizations" for a multi-tenant app.
  ENTRA_TENANT_ID: z.string().trim().min(1).optional(),
  ENTRA_CLIENT_ID: z.string().trim().min(1).optional(),
  // Default api://ENTRA_CLIENT_ID and api://ENTRA_CLIENT_ID/access_as_user.
  ENTRA_API_AUDIENCE: z.string().trim().min(1).optional(),
  ENTRA_API_SCOPE: z.string().trim().min(1).optional(),
  // The application (client) id of the app registration the Power Automate custom connector signs in
  // with: tokens issued to it are a connection's calls, limited to 100 per 60 s. Unset: no call is limited.
  // Its apiProperties.json names it (default ENTRA_CLIENT_ID there).
  ENTRA_CONNECTOR_CLIENT_ID: z.string().trim().min(1).optional(),
});

export type TSettings = z.infer<typeof ZSettings> & { dataDir: string; dataSourcesDir: string };

let cached: TSettings | undefined;

export const getSettings = (): TSettings => {
  if (cached) return cached;
  const parsed = ZSettings.parse(process.env);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR);
  cached = {
    ...parsed,
    dataDir,
    dataSourcesDir: path.resolve(/*turbopackIgnore: true*/ parsed.DATA_SOURCES_DIR ?? path.join(dataDir, "sources")),
  };
  return cached;
};

/** Tests change the environment between cases; they call this to re-read it. */
export const resetSettingsCache = () => {
  cached = undefined;
};
