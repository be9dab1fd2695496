import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZSigningSecret, generateSigningSecret } from "../crypto/signing-secret";
import {
  ZCallbackUrl,
  ZCreateTriggerRegistration,
  ZDataSourceTriggerParameters,
  ZDisplayName,
  ZSigningSecretInput,
  ZUpdateTriggerRegistration,
} from "./schemas";

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe("ZCallbackUrl", () => {
  it.each([
    "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x",
    "https://hooks.example.com/path",
    "http://localhost:4000/hook", // syntax only: the server decides whether plain http may be used
    "  https://trimmed.example.com/  ",
  ])("accepts %s", (value) => {
    expect(ZCallbackUrl.safeParse(value).success).toBe(true);
  });

  it("trims surrounding spaces", () => {
    expect(ZCallbackUrl.parse("  https://a.example.com/x ")).toBe("https://a.example.com/x");
  });

  it.each([
    ["", "Enter the endpoint URL."],
    ["hooks.example.com/path", "Enter a full URL, starting with https://."],
    ["ftp://files.example.com/x", "The URL must start with https://."],
    ["javascript:alert(1)", "The URL must start with https://."],
    ["https://user:pass@hooks.example.com/", "The URL must not contain a user name or password."],
    [`https://example.com/${"a".repeat(2050)}`, "The URL is too long (2048 characters at most)."],
  ])("refuses %j", (value, message) => {
    const result = ZCallbackUrl.safeParse(value);
    expect(result.success).toBe(false);
    expect(firstMessage(result)).toBe(message);
  });

  it("refuses non-strings", () => {
    for (const value of [42, null, undefined, {}, ["https://a.example.com"]]) {
      expect(ZCallbackUrl.safeParse(value).success).toBe(false);
    }
  });
});

describe("ZDisplayName", () => {
  it("trims and accepts up to 120 characters", () => {
    expect(ZDisplayName.parse("  Orders failed  ")).toBe("Orders failed");
    expect(ZDisplayName.safeParse("x".repeat(120)).success).toBe(true);
  });

  it("refuses empty, blank and overlong names", () => {
    expect(firstMessage(ZDisplayName.safeParse(""))).toBe("Give the trigger a name.");
    expect(firstMessage(ZDisplayName.safeParse("   "))).toBe("Give the trigger a name.");
    expect(firstMessage(ZDisplayName.safeParse("x".repeat(121)))).toBe("Keep the name under 120 characters.");
  });
});

describe("ZDataSourceTriggerParameters", () => {
  it("takes one data source or null for any", () => {
    expect(ZDataSourceTriggerParameters.parse({ dataSourceId: "ds_1" })).toEqual({ dataSourceId: "ds_1" });
    expect(ZDataSourceTriggerParameters.parse({ dataSourceId: null })).toEqual({ dataSourceId: null });
  });

  it("requires the key and a valid id", () => {
    expect(ZDataSourceTriggerParameters.safeParse({}).success).toBe(false);
    expect(ZDataSourceTriggerParameters.safeParse({ dataSourceId: "../etc" }).success).toBe(false);
    expect(ZDataSourceTriggerParameters.safeParse({ dataSourceId: 7 }).success).toBe(false);
  });
});

describe("ZCreateTriggerRegistration", () => {
  const valid = {
    displayName: "Orders failed",
    type: "datasource.refresh.failed",
    parameters: { dataSourceId: null },
    callbackUrl: "https://hooks.example.com/x",
  };

  it("defaults the destination type to webhook and leaves the secret optional", () => {
    expect(ZCreateTriggerRegistration.parse(valid)).toEqual({ ...valid, destinationType: "webhook" });
  });

  it("refuses unknown types, unknown keys and bad secrets", () => {
    expect(ZCreateTriggerRegistration.safeParse({ ...valid, type: "segment.deleted" }).success).toBe(false);
    expect(ZCreateTriggerRegistration.safeParse({ ...valid, status: "active" }).success).toBe(false);
    expect(ZCreateTriggerRegistration.safeParse({ ...valid, signingSecret: "whsec_abc" }).success).toBe(false);
    expect(ZCreateTriggerRegistration.safeParse({ ...valid, destinationType: "email" }).success).toBe(false);
  });

  it("takes a valid signing secret", () => {
    const signingSecret = generateSigningSecret();
    expect(ZCreateTriggerRegistration.parse({ ...valid, signingSecret }).signingSecret).toBe(signingSecret);
  });
});

describe("ZUpdateTriggerRegistration", () => {
  it("needs at least one field and refuses fields that cannot change", () => {
    expect(firstMessage(ZUpdateTriggerRegistration.safeParse({}))).toBe("Nothing to update.");
    expect(ZUpdateTriggerRegistration.safeParse({ type: "datasource.refresh.succeeded" }).success).toBe(false);
    expect(ZUpdateTriggerRegistration.safeParse({ displayName: "New" }).success).toBe(true);
  });
});

describe("ZSigningSecretInput", () => {
  // The browser-safe copy must agree with the crypto module's ZSigningSecret on every input.
  const samples = [
    generateSigningSecret(),
    `whsec_${randomBytes(24).toString("base64")}`,
    `whsec_${randomBytes(64).toString("base64")}`,
    `whsec_${randomBytes(23).toString("base64")}`,
    `whsec_${randomBytes(65).toString("base64")}`,
    `whsec_${randomBytes(25).toString("base64")}`,
    `whsec_${randomBytes(26).toString("base64")}`,
    `whsec_${randomBytes(32).toString("base64").replace(/=+$/, "")}`,
    `whsec_${randomBytes(32).toString("base64url")}`,
    "whsec_",
    "whsec_====",
    "WHSEC_abcd",
    `whsec_${randomBytes(32).toString("hex")}`,
    "secret",
  ];

  it.each(samples)("agrees with ZSigningSecret on %s", (value) => {
    expect(ZSigningSecretInput.safeParse(value).success).toBe(ZSigningSecret.safeParse(value).success);
  });

  it("accepts generated secrets and refuses short ones", () => {
    expect(ZSigningSecretInput.safeParse(generateSigningSecret()).success).toBe(true);
    expect(ZSigningSecretInput.safeParse(`whsec_${randomBytes(16).toString("base64")}`).success).toBe(false);
  });
});
