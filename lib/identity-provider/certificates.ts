import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type Certificates = {
  caCertPath: string;
  certPath: string;
  keyPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
};

const day = 24 * 60 * 60 * 1000;
const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const signingAlgorithm = { name: "ECDSA", hash: "SHA-256" } as const;
// Renew the leaf this long before it expires, so a long-running install never serves an
// expired certificate after a restart (the CA, once trusted by the user, stays).
const renewBefore = 30 * day;

const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1");

const pemKey = async (key: CryptoKey) =>
  x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");

const importKey = async (pem: string) =>
  webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decode(pem)[0]!, algorithm, true, ["sign"]);

// Write-then-rename: a crash or a second process never sees half a PEM file.
const writeAtomic = (file: string, content: string, mode: number) => {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode });
  renameSync(temp, file);
};

const createCa = async () => {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: "CN=Audience Insights Local CA, O=Audience Insights",
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 10 * 365 * day),
    signingAlgorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
};

const createLeaf = async (ca: { cert: x509.X509Certificate; key: CryptoKey }) => {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: "CN=localhost",
    issuer: ca.cert.subject,
    // Browsers refuse leaf certificates valid for more than 398 days.
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 365 * day),
    signingAlgorithm,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "ip", value: "127.0.0.1" },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { cert, key: keys.privateKey };
};

/**
 * The local CA and the https certificate for localhost / 127.0.0.1 under `${dataDir}/tls/`,
 * made on first start (and the leaf renewed near its expiry, signed by the same CA).
 */
export const ensureCertificates = async (dataDir: string): Promise<Certificates> => {
  const dir = path.join(dataDir, "tls");
  const files = {
    caCertPath: path.join(dir, "ca.crt"),
    caKeyPath: path.join(dir, "ca.key"),
    certPath: path.join(dir, "localhost.crt"),
    keyPath: path.join(dir, "localhost.key"),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  let ca: { cert: x509.X509Certificate; key: CryptoKey };
  if (existsSync(files.caCertPath) && existsSync(files.caKeyPath)) {
    ca = {
      cert: new x509.X509Certificate(readFileSync(files.caCertPath, "utf8")),
      key: await importKey(readFileSync(files.caKeyPath, "utf8")),
    };
  } else {
    ca = await createCa();
    writeAtomic(files.caKeyPath, await pemKey(ca.key), 0o600);
    writeAtomic(files.caCertPath, ca.cert.toString("pem"), 0o644);
  }

  const leafIsUsable = () => {
    if (!existsSync(files.certPath) || !existsSync(files.keyPath)) return false;
    const leaf = new x509.X509Certificate(readFileSync(files.certPath, "utf8"));
    return leaf.issuer === ca.cert.subject && leaf.notAfter.getTime() - Date.now() > renewBefore;
  };
  if (!leafIsUsable()) {
    const leaf = await createLeaf(ca);
    writeAtomic(files.keyPath, await pemKey(leaf.key), 0o600);
    writeAtomic(files.certPath, leaf.cert.toString("pem"), 0o644);
  }

  return {
    caCertPath: files.caCertPath,
    certPath: files.certPath,
    keyPath: files.keyPath,
    caPem: readFileSync(files.caCertPath, "utf8"),
    certPem: readFileSync(files.certPath, "utf8"),
    keyPem: readFileSync(files.keyPath, "utf8"),
  };
};
