import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { getDb } from "../db/client";
import { DEMO_PASSWORD, demoTenants, demoUsers } from "../seed/demo-identity";
import { type Certificates, ensureCertificates } from "./certificates";
import { createIdentityProvider } from "./create-provider";
import { handleInteraction } from "./interaction-routes";
import type { DemoAccount } from "./login-page";
import { verifyPassword } from "../crypto/passwords";
import { loadProviderSecrets } from "./provider-secrets";
import { createSignInThrottle } from "./sign-in-throttle";

export type StartIdentityProviderOptions = {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Interface to listen on; default all (like the web app). */
  host?: string;
  appUrl: string;
  accessTokenTtlSeconds: number;
  connectorClientSecret?: string;
  /** Besides Power Platform's, where the connector's user sign-in may return (IDP_CONNECTOR_REDIRECT_URIS). */
  connectorRedirectUris?: readonly string[];
};

export type RunningIdentityProvider = {
  issuer: string;
  port: number;
  certificates: Certificates;
  connectorClientSecret: string;
  close(): Promise<void>;
};

const demoHintTtlMs = 60_000;

// The demo hint is shown only while the seeded demo accounts still open with the demo
// password: an install that changed or removed them never advertises credentials.
const demoAccountsLister = () => {
  let cached: { at: number; value: Promise<{ accounts: DemoAccount[]; password: string } | undefined> } | undefined;
  const load = async () => {
    const rows = await getDb().user.findMany({
      where: { id: { in: demoUsers.map((u) => u.id) } },
      select: { id: true, email: true, role: true, tenantId: true, passwordHash: true },
    });
    const accounts: DemoAccount[] = [];
    for (const demo of demoUsers) {
      const row = rows.find((r) => r.id === demo.id);
      if (!row || !(await verifyPassword(DEMO_PASSWORD, row.passwordHash))) continue;
      const tenantName = demoTenants.find((t) => t.id === row.tenantId)?.name ?? row.tenantId;
      accounts.push({ email: row.email, role: row.role, tenantName });
    }
    return accounts.length ? { accounts, password: DEMO_PASSWORD } : undefined;
  };
  return () => {
    if (!cached || Date.now() - cached.at > demoHintTtlMs) {
      const value = load();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
};

/** Runs the embedded OpenID Connect provider over https; issuer `https://localhost:<port>`. */
export const startIdentityProvider = async (options: StartIdentityProviderOptions): Promise<RunningIdentityProvider> => {
  const certificates = await ensureCertificates(options.dataDir);
  const secrets = await loadProviderSecrets(options.dataDir, options.connectorClientSecret);

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = https.createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { "retry-after": "1" }).end();
  });
  // The issuer names the port, so a random test port is known only after listening.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://localhost:${port}`;

  const provider = createIdentityProvider({
    issuer,
    appUrl: options.appUrl,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    secrets,
    connectorRedirectUris: options.connectorRedirectUris,
  });
  provider.on("server_error", (_ctx: unknown, error: unknown) => console.error("Identity provider error:", error));
  const callback = provider.callback();
  const interactionOptions = { demoAccounts: demoAccountsLister(), throttle: createSignInThrottle() };
  handler = (req, res) => {
    handleInteraction(provider, interactionOptions, req, res).then(
      (handled) => handled || callback(req, res),
      (error: unknown) => {
        console.error("Identity provider: request failed", error);
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  };

  return {
    issuer,
    port,
    certificates,
    connectorClientSecret: secrets.connectorClientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
