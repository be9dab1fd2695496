import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { ensureCertificates } from "../identity-provider/certificates";
import { resetSettingsCache } from "../settings/settings";
import { TEST_IDENTITIES, mintAccessToken, testSigningKeys } from "./testing/test-tokens";
import { setAccessTokenKeysForTesting, verifyAccessToken } from "./verify-access-token";

// The production key path of embedded mode: the JWKS fetched over https from
// https://localhost:IDP_PORT/jwks, trusting only the CA the provider generated into DATA_DIR/tls.

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ai-jwks-"));
  dirs.push(dir);
  return dir;
};

let server: https.Server;
let jwksRequests = 0;
let trustedDataDir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, IDP_PORT: process.env.IDP_PORT };

const useDataDir = (dataDir: string) => {
  process.env.DATA_DIR = dataDir;
  resetSettingsCache();
};

beforeAll(async () => {
  trustedDataDir = tempDir();
  const certificates = await ensureCertificates(trustedDataDir);
  const { publicJwk } = await testSigningKeys();
  server = https.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (req, res) => {
    if (req.url !== "/jwks") return void res.writeHead(404).end();
    jwksRequests++;
    res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.IDP_PORT = String((server.address() as AddressInfo).port);
});

beforeEach(() => {
  useDataDir(trustedDataDir);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetSettingsCache();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A token from the test key, then the injected key set removed so the remote one answers. */
const tokenForRemote = async () => {
  const token = await mintAccessToken(TEST_IDENTITIES.contosoViewer);
  setAccessTokenKeysForTesting(undefined);
  return token;
};

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "verified";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe("the embedded provider's key set", () => {
  it("is fetched over https trusting DATA_DIR/tls/ca.crt, and cached", async () => {
    const token = await tokenForRemote();
    const before = jwksRequests;
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ sub: "user-contoso-viewer", tid: "contoso", roles: ["Viewer"] });
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ sub: "user-contoso-viewer" });
    expect(jwksRequests - before).toBe(1);
  });

  it("is refused from a server whose certificate another CA signed (503, not a token error)", async () => {
    const otherDataDir = tempDir();
    await ensureCertificates(otherDataDir);
    useDataDir(otherDataDir);
    expect(await codeOf(verifyAccessToken(await tokenForRemote()))).toBe("identity_unavailable");
  });

  it("answers 503 while the provider has not written its CA yet", async () => {
    useDataDir(tempDir());
    const result = await codeOf(verifyAccessToken(await tokenForRemote()));
    expect(result).toBe("identity_unavailable");
    expect(new AppError("identity_unavailable", "x").status).toBe(503);
  });
});
