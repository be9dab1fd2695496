import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips a signing secret", () => {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const sealed = encryptSecret(secret, key);
    expect(sealed).not.toContain(secret);
    expect(decryptSecret(sealed, key)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered ciphertext or another key", () => {
    const sealed = encryptSecret("whsec_abc", key);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
  });
});
