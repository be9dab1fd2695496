import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";

export type ProviderSecrets = {
  /** Private RS256 signing keys (first one signs); published through the JWKS endpoint. */
  jwks: { keys: JWK[] };
  /** Keys that sign the provider's cookies; the first one signs, all verify. */
  cookieKeys: string[];
  connectorClientSecret: string;
};

const readOrCreate = async (file: string, create: () => string | Promise<string>) => {
  if (existsSync(file)) return readFileSync(file, "utf8");
  const content = await create();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  renameSync(temp, file);
  return content;
};

const createSigningKeys = async () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return JSON.stringify({ keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] }, null, 2);
};

/**
 * The provider's signing keys, cookie keys and the connector client's secret, persisted in
 * `${dataDir}/oidc/` on first start: with keys made at boot, every token and session would
 * die with the process.
 */
export const loadProviderSecrets = async (
  dataDir: string,
  configuredConnectorSecret?: string,
): Promise<ProviderSecrets> => {
  const dir = path.join(dataDir, "oidc");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const jwks = JSON.parse(await readOrCreate(path.join(dir, "jwks.json"), createSigningKeys)) as { keys: JWK[] };
  const cookieKeys = JSON.parse(
    await readOrCreate(path.join(dir, "cookie-keys.json"), () => JSON.stringify([randomBytes(32).toString("base64url")])),
  ) as string[];
  const connectorClientSecret =
    configuredConnectorSecret ??
    (await readOrCreate(path.join(dir, "connector-client-secret"), () => randomBytes(32).toString("base64url"))).trim();
  return { jwks, cookieKeys, connectorClientSecret };
};
