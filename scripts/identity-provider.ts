// npm start runs this as its third process: the embedded OpenID Connect provider (sign-in
// for the SPA and for the connector's users, client_credentials for the connector) at https://localhost:IDP_PORT.
import { getDb } from "../lib/db/client";
import { startIdentityProvider } from "../lib/identity-provider/start-identity-provider";
import { getSettings } from "../lib/settings/settings";

const settings = getSettings();
const idp = await startIdentityProvider({
  dataDir: settings.dataDir,
  port: settings.IDP_PORT,
  appUrl: settings.APP_URL ?? `http://localhost:${settings.PORT}`,
  accessTokenTtlSeconds: settings.IDP_ACCESS_TOKEN_TTL_SECONDS,
  connectorClientSecret: settings.IDP_CONNECTOR_CLIENT_SECRET,
  connectorRedirectUris: settings.IDP_CONNECTOR_REDIRECT_URIS,
});
console.log(`Identity provider (OpenID Connect) issuer: ${idp.issuer}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await idp.close();
  await getDb().$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
