import "reflect-metadata";
import { X509Certificate as NodeX509 } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { afterAll, describe, expect, it } from "vitest";
import { ensureCertificates } from "./certificates";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ai-tls-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("ensureCertificates", () => {
  it("makes a CA and a localhost leaf signed by it", async () => {
    const certs = await ensureCertificates(dataDir);
    expect(certs.caCertPath).toBe(path.join(dataDir, "tls", "ca.crt"));
    expect(certs.certPath).toBe(path.join(dataDir, "tls", "localhost.crt"));
    expect(statSync(certs.keyPath).mode & 0o077).toBe(0);
    expect(statSync(path.join(dataDir, "tls", "ca.key")).mode & 0o077).toBe(0);

    const ca = new NodeX509(certs.caPem);
    const leaf = new NodeX509(certs.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost("localhost")).toBe("localhost");
    expect(leaf.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(leaf.checkHost("example.com")).toBeUndefined();
    const days = (Date.parse(leaf.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(398);

    const parsed = new x509.X509Certificate(certs.certPem);
    const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => `${n.type}:${n.value}`)).toEqual(["dns:localhost", "ip:127.0.0.1"]);
  });

  it("keeps the same certificates on the next start", async () => {
    const first = await ensureCertificates(dataDir);
    const second = await ensureCertificates(dataDir);
    expect(second.caPem).toBe(first.caPem);
    expect(second.certPem).toBe(first.certPem);
    expect(second.keyPem).toBe(first.keyPem);
  });

  it("serves TLS that Node trusts with only the CA", async () => {
    const certs = await ensureCertificates(dataDir);
    const server = https.createServer({ key: certs.keyPem, cert: certs.certPem }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const host of ["localhost", "127.0.0.1"]) {
        const body = await new Promise<string>((resolve, reject) => {
          https
            .get(`https://${host}:${port}/`, { ca: certs.caPem }, (res) => {
              let text = "";
              res.on("data", (chunk) => (text += chunk));
              res.on("end", () => resolve(text));
            })
            .on("error", reject);
        });
        expect(body).toBe("ok");
      }
      await expect(
        new Promise((resolve, reject) => https.get(`https://localhost:${port}/`, resolve).on("error", reject)),
      ).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    } finally {
      server.close();
    }
  });
});
