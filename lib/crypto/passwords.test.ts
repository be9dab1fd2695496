import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("demo-password");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("demo-password", stored)).toBe(true);
    expect(await verifyPassword("demo-passwordx", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("never matches a missing or malformed hash", async () => {
    for (const stored of [null, undefined, "", "plain", "scrypt$0$8$1$abc$def", "bcrypt$x", "scrypt$16384$8$1$c2FsdA$c2hvcnQ"]) {
      expect(await verifyPassword("demo-password", stored)).toBe(false);
    }
  });

  it("honours the cost stored with the hash", async () => {
    const stored = await hashPassword("pw");
    const [, , , , salt, key] = stored.split("$");
    // Same salt and key under another N cannot match: the parameters are part of the hash.
    expect(await verifyPassword("pw", `scrypt$8192$8$1$${salt}$${key}`)).toBe(false);
  });
});
