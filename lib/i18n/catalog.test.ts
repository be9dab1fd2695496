import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCallbackUrl, ZCreateTriggerRegistration, ZDisplayName } from "../triggers/schemas";
import { ZCreateDataSource } from "../datasources/schemas";
import { pickLocale } from "./locales";
import { ca } from "./messages/ca";
import { en } from "./messages/en";
import { createTranslator, interpolate } from "./translate";
import { fieldErrors, hasCatalogMessage, validateWith } from "./zod-messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("Catalan has exactly the English keys", () => {
    expect(Object.keys(ca).sort()).toEqual(Object.keys(en).sort());
  });

  it.each([
    ["en", en],
    ["ca", ca],
  ] as const)("%s has no empty message", (_name, catalog) => {
    const empty = Object.entries(catalog).filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });

  it("Catalan uses the same placeholders as English", () => {
    const mismatched = Object.keys(en).filter(
      (key) => placeholders(en[key as keyof typeof en]).join() !== placeholders(ca[key as keyof typeof ca]).join(),
    );
    expect(mismatched).toEqual([]);
  });
});

describe("interpolate", () => {
  it("fills named placeholders and keeps unknown ones visible", () => {
    expect(interpolate("{a} and {b}", { a: "x" })).toBe("x and {b}");
    expect(createTranslator(ca)("discover.setUpLabel", { destination: "Webhook" })).toBe("Configura Webhook");
  });
});

describe("pickLocale", () => {
  it("prefers the cookie, then Accept-Language by weight, then English", () => {
    expect(pickLocale("ca", "en-US")).toBe("ca");
    expect(pickLocale("fr", "fr-FR,ca;q=0.8,en;q=0.5")).toBe("ca");
    expect(pickLocale(undefined, "en;q=0.4,ca-ES;q=0.9")).toBe("ca");
    expect(pickLocale(undefined, "de-DE")).toBe("en");
    expect(pickLocale(undefined, null)).toBe("en");
  });
});

describe("validation messages of the shared schemas", () => {
  // Some refinements of the shared schemas may throw on malformed input; validateWith (below) guards
  // against that, and here such an input simply contributes no message.
  const issuesOf = (parse: () => { error?: { issues: { message: string }[] } }) => {
    try {
      return parse().error?.issues.map((issue) => issue.message) ?? [];
    } catch {
      return [];
    }
  };

  it("every message the wizard and data source forms can show has a catalog entry", () => {
    const messages = [
      ...issuesOf(() => ZCallbackUrl.safeParse("")),
      ...issuesOf(() => ZCallbackUrl.safeParse("not a url")),
      ...issuesOf(() => ZCallbackUrl.safeParse("ftp://example.com")),
      ...issuesOf(() => ZCallbackUrl.safeParse("https://user:pw@example.com")),
      ...issuesOf(() => ZCallbackUrl.safeParse(`https://example.com/${"a".repeat(2100)}`)),
      ...issuesOf(() => ZDisplayName.safeParse(" ")),
      ...issuesOf(() => ZDisplayName.safeParse("x".repeat(121))),
      ...issuesOf(() => ZCreateDataSource.safeParse({ kind: "upload", name: "", requiredColumns: [] })),
      ...issuesOf(() => ZCreateDataSource.safeParse({ kind: "upload", name: "a", requiredColumns: ["x", "X"] })),
    ];
    expect(messages.length).toBeGreaterThanOrEqual(9);
    expect(messages.filter((message) => !hasCatalogMessage(message))).toEqual([]);
  });

  it("every English sentence a shared schema can report has a catalog entry", () => {
    // Read from the source, so a message added to a schema later is caught too.
    const sentences = ["ids", "triggers", "delivery", "datasources", "audit", "unification", "segments", "measures", "refresh-jobs", "refresh-jobs/schedule"].flatMap((domain) =>
      [...readFileSync(new URL(`../${domain}/schemas.ts`, import.meta.url), "utf8").matchAll(/"([A-Z][^"]*\.)"/g)].map((m) => m[1]!),
    );
    expect(sentences.length).toBeGreaterThanOrEqual(20);
    expect(sentences.filter((sentence) => !hasCatalogMessage(sentence))).toEqual([]);
  });

  it("maps issues to translated field errors by path", () => {
    const result = ZCreateTriggerRegistration.safeParse({
      displayName: "",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: "https://a:b@example.com",
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!, createTranslator(ca))).toEqual({
      displayName: ca["validation.displayName.required"],
      callbackUrl: ca["validation.callbackUrl.credentials"],
    });
  });
});

describe("validateWith", () => {
  it("reports a value that makes a refinement throw as invalid at the given path instead of crashing", () => {
    const throwing = z.object({ callbackUrl: z.string().refine((value) => new URL(value).protocol === "https:") });
    expect(validateWith(throwing, { callbackUrl: "not a url" }, createTranslator(en), "callbackUrl", "validation.callbackUrl.invalid")).toEqual({
      ok: false,
      errors: { callbackUrl: en["validation.callbackUrl.invalid"] },
    });
  });

  it("returns the parsed value or translated field errors", () => {
    const t = createTranslator(ca);
    const schema = z.object({ callbackUrl: ZCallbackUrl });
    expect(validateWith(schema, { callbackUrl: " https://example.com/hook " }, t, "callbackUrl", "validation.callbackUrl.invalid")).toEqual({
      ok: true,
      data: { callbackUrl: "https://example.com/hook" },
    });
    expect(validateWith(schema, { callbackUrl: "not a url" }, t, "callbackUrl", "validation.callbackUrl.invalid")).toEqual({
      ok: false,
      errors: { callbackUrl: ca["validation.callbackUrl.invalid"] },
    });
  });
});
