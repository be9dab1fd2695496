import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, ZSigningSecret } from "./signing-secret";

describe("generateSigningSecret", () => {
  it("makes whsec_ secrets of 32 random bytes that the reference library accepts", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(generateSigningSecret()).not.toBe(secret);
    expect(ZSigningSecret.safeParse(secret).success).toBe(true);
  });
});

describe("ZSigningSecret", () => {
  it.each([
    ["whsec_", false],
    ["abc", false],
    [`whsec_${Buffer.alloc(16).toString("base64")}`, false],
    [`whsec_${Buffer.alloc(65).toString("base64")}`, false],
    [`whsec_${Buffer.alloc(24).toString("base64")}`, true],
    [`whsec_${Buffer.alloc(64).toString("base64")}`, true],
    [`whsec_${Buffer.alloc(32).toString("base64")}x`, false],
    [`whsk_${Buffer.alloc(32).toString("base64")}`, false],
  ])("%s → %s", (value, valid) => {
    expect(ZSigningSecret.safeParse(value).success).toBe(valid);
  });
});
