import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizations } from "../attributes";
import { applyNormalization, normalizeCanonicalEmail, normalizePhoneE164, normalizeValue } from "./normalize";

const spain = { defaultPhoneCountry: "ES" };
const us = { defaultPhoneCountry: "US" };

describe("normalizations", () => {
  it("trim collapses inner whitespace", () => {
    expect(normalizeValue("  Maria \t del  Mar ", ["trim"], spain)).toBe("Maria del Mar");
  });

  it("ascii folds Catalan, Spanish and other diacritics", () => {
    expect(normalizeValue("Núria Puigdomènech i Güell", ["ascii"], spain)).toBe("Nuria Puigdomenech i Guell");
    expect(normalizeValue("Ñúñez Àlex Çelik", ["ascii", "lowercase"], spain)).toBe("nunez alex celik");
    expect(normalizeValue("Straße Łódź", ["ascii"], spain)).toBe("Strasse Lodz");
    expect(normalizeValue("Josep", ["ascii"], spain)).toBe("Josep");
  });

  it("punctuation removes punctuation and symbols, keeping letters and digits", () => {
    expect(normalizeValue("O'Brien-Smith, Jr.", ["punctuation"], spain)).toBe("OBrienSmith Jr");
    expect(normalizeValue("l·l Ferran·dis", ["punctuation"], spain)).toBe("ll Ferrandis");
    expect(normalizeValue("Pérez", ["punctuation"], spain)).toBe("Pérez");
  });

  it("digitsOnly keeps digits", () => {
    expect(normalizeValue("08-001 (BCN)", ["digitsOnly"], spain)).toBe("08001");
  });

  it.each([
    ["600 11 12 22", "+34600111222"],
    ["+34 600-111-222", "+34600111222"],
    ["0034600111222", "+34600111222"],
    ["(+34) 600.111.222", "+34600111222"],
    ["93 123 45 67", "+34931234567"],
    ["+1 (415) 555-2671", "+14155552671"],
  ])("phoneE164 reads %s with Spain as default country", (input, expected) => {
    expect(normalizeValue(input, ["phoneE164"], spain)).toBe(expected);
  });

  it("phoneE164 reads a 00 prefix as international even where the country dials 011", () => {
    expect(normalizePhoneE164("0034600111222", "US")).toBe("+34600111222");
    expect(normalizePhoneE164("(415) 555-2671", "US")).toBe("+14155552671");
  });

  it("phoneE164 makes text that is no phone number no value", () => {
    expect(normalizeValue("n/a", ["phoneE164"], spain)).toBeNull();
    expect(normalizeValue("12", ["phoneE164"], spain)).toBeNull();
    expect(normalizeValue("600111222", ["phoneE164"], us)).toBeNull();
  });

  it.each([
    ["  John.Smith+news@Example.COM ", "john.smith@example.com"],
    ["j.o.h.n+x@gmail.com", "john@gmail.com"],
    ["John.Smith@GoogleMail.com", "johnsmith@gmail.com"],
    ["nomail", "nomail"],
    ["+tag@example.com", "+tag@example.com"],
  ])("canonicalEmail turns %s into %s", (input, expected) => {
    expect(normalizeCanonicalEmail(input)).toBe(expected);
  });

  it("a value that normalizes to empty is no value", () => {
    expect(normalizeValue("---", ["punctuation"], spain)).toBeNull();
    expect(normalizeValue("   ", ["trim"], spain)).toBeNull();
    expect(normalizeValue(null, ["trim"], spain)).toBeNull();
    expect(normalizeValue("abc", ["digitsOnly"], spain)).toBeNull();
  });

  it("reads numbers and booleans as their text", () => {
    expect(normalizeValue(8001, [], spain)).toBe("8001");
    expect(normalizeValue(true, ["lowercase"], spain)).toBe("true");
  });

  const phoneLike = fc.stringMatching(/^[+(]?[0-9 ().-]{0,16}$/);
  const emailLike = fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom("@gmail.com", "@googlemail.com", "@Example.org", ""), fc.string({ maxLength: 4 }));
  const anyText = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), phoneLike, emailLike.map((parts) => parts.join("")));

  it("every normalization is idempotent", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...normalizations), fc.constantFrom("ES", "US", "GB"), (text, normalization, country) => {
        const options = { defaultPhoneCountry: country };
        const once = applyNormalization(text, normalization, options);
        expect(applyNormalization(once, normalization, options)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("a chain of normalizations gives no empty string: empty is no value", () => {
    fc.assert(
      fc.property(anyText, fc.subarray([...normalizations]), (text, chain) => {
        expect(normalizeValue(text, chain, spain)).not.toBe("");
      }),
    );
  });
});
