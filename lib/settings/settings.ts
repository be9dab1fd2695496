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
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  // Directory that "file" data sources may read from, relative paths resolve inside it.
  DATA_SOURCES_DIR: z.string().optional(),
  PORT: z.coerce.number().int().default(3000),
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
