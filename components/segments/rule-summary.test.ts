import { describe, expect, it } from "vitest";
import { createFormatters } from "@/lib/i18n/format";
import { ca } from "@/lib/i18n/messages/ca";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";
import { ruleSummary } from "./rule-summary";

const types = new Map([
  ["city", "text"],
  ["loyaltyPoints", "number"],
  ["birthDate", "date"],
  ["emailOptIn", "boolean"],
] as const);

const rule = {
  combinator: "and" as const,
  conditions: [
    { attribute: "city", operator: "in" as const, value: ["Girona", "Vic"] },
    {
      combinator: "or" as const,
      conditions: [
        { attribute: "loyaltyPoints", operator: "gte" as const, value: 1200 },
        { attribute: "birthDate", operator: "gt" as const, value: "1990-01-01" },
        { attribute: "emailOptIn", operator: "isEmpty" as const },
      ],
    },
  ],
};

describe("ruleSummary", () => {
  it("reads the rule in the user's language: labels, operators (dates as before and after), values and groups", () => {
    const enT = createTranslator(en);
    expect(ruleSummary(rule, types, enT, createFormatters("en", enT))).toBe(
      "City is one of “Girona”, “Vic” and (loyaltyPoints is at least 1,200 or Birth date is after “1990-01-01” or emailOptIn is empty)",
    );
    const caT = createTranslator(ca);
    expect(ruleSummary(rule, types, caT, createFormatters("ca", caT))).toBe(
      "Població és un de «Girona», «Vic» i (loyaltyPoints és com a mínim 1.200 o Data de naixement és posterior a «1990-01-01» o emailOptIn és buit)",
    );
  });
});
