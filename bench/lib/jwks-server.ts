// The API's tokens verified through the production path, without the embedded provider's sign-in:
// the JWKS of this process's test signing key (lib/auth/testing/test-tokens.ts) served over https at
// https://localhost:PORT/jwks, with the CA and localhost certificate the embedded provider generates
// into DATA_DIR/tls. The server started with the same DATA_DIR and IDP_PORT fetches it trusting only
// that CA, exactly as it fetches the embedded provider's. Mint tokens with mintAccessToken.
import https from "node:https";

export type JwksServer = { fetches(): number; close(): Promise<void> };

/** Generates DATA_DIR/tls (when missing) and serves the JWKS on 127.0.0.1:`port`. */
export const startJwksServer = async (dataDir: string, port: number): Promise<JwksServer> => {
  // Imported here, not at the top: the caller sets DATA_DIR and IDP_PORT before anything reads the settings.
  const { ensureCertificates } = await import("../../lib/identity-provider/certificates");
  const { testSigningKeys } = await import("../../lib/auth/testing/test-tokens");
  const certificates = await ensureCertificates(dataDir);
  const { publicJwk } = await testSigningKeys();
  let fetches = 0;
  const server = https.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (req, res) => {
    if (req.url !== "/jwks") return void res.writeHead(404).end();
    fetches++;
    res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
