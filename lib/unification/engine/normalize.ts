import anyAscii from "any-ascii";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { TNormalization } from "../attributes";
import type { TAttributeValue } from "../schemas";
import type { MatchOptions } from "./types";

// One function per normalization of attributes.ts. Each is idempotent (applying it twice gives
// what applying it once gives), so a value normalized for one rule can be compared with a value
// normalized the same way anywhere else.

/** Trims, and collapses every run of whitespace inside into one space. */
export function normalizeTrim(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

export function normalizeLowercase(value: string): string {
  return value.toLowerCase();
}

/** Removes punctuation and symbols (O'Brien → OBrien, Sant-Cugat → SantCugat); letters, digits and spaces stay. */
export function normalizePunctuation(value: string): string {
  return value.replace(/[\p{P}\p{S}]+/gu, "");
}

/** Unicode to ASCII: Núria → Nuria, Güell → Guell, ß → ss, Łódź → Lodz. */
export function normalizeAscii(value: string): string {
  // Pure ASCII is by far the common case and any-ascii would return it unchanged.
  return /^[\x00-\x7f]*$/.test(value) ? value : anyAscii(value);
}

export function normalizeDigitsOnly(value: string): string {
  return value.replace(/\D+/g, "");
}

/**
 * The number in E.164 (+34600111222), read with `defaultCountry` when it has no international
 * prefix. A `00` prefix is read as international even where the country dials abroad otherwise
 * (the United States' 011). Text that is not a possible phone number becomes empty: no value.
 */
export function normalizePhoneE164(value: string, defaultCountry: string): string {
  if (/^\+\d{7,15}$/.test(value)) {
    // Already E.164: parsing would only confirm the country code, so check it is a possible number.
    return parsePhoneNumberFromString(value)?.isPossible() ? value : "";
  }
  const country = defaultCountry as CountryCode;
  const parsed = parsePhoneNumberFromString(value, country);
  if (parsed?.isPossible()) return parsed.number;
  const compact = value.replace(/[\s().-]+/g, "");
  if (compact.startsWith("00")) {
    const international = parsePhoneNumberFromString(`+${compact.slice(2)}`);
    if (international?.isPossible()) return international.number;
  }
  return "";
}

const gmailDomains = new Set(["gmail.com", "googlemail.com"]);

/**
 * Trimmed and lowercase, without a `+tag` in the local part; Gmail ignores dots in the local
 * part and answers googlemail.com as gmail.com, so those addresses lose their dots and take
 * gmail.com. Text without an `@` is only trimmed and lowercased.
 */
export function normalizeCanonicalEmail(value: string): string {
  const email = value.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  if (at <= 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (gmailDomains.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

export function applyNormalization(value: string, normalization: TNormalization, options: MatchOptions): string {
  switch (normalization) {
    case "trim":
      return normalizeTrim(value);
    case "lowercase":
      return normalizeLowercase(value);
    case "punctuation":
      return normalizePunctuation(value);
    case "ascii":
      return normalizeAscii(value);
    case "digitsOnly":
      return normalizeDigitsOnly(value);
    case "phoneE164":
      return normalizePhoneE164(value, options.defaultPhoneCountry);
    case "canonicalEmail":
      return normalizeCanonicalEmail(value);
  }
}

/**
 * A mapped value as a condition compares it: as text, with the normalizations applied in order.
 * A value that is missing, or that normalizes to empty, is null: no value, which never matches.
 */
export function normalizeValue(value: TAttributeValue, normalizations: readonly TNormalization[], options: MatchOptions): string | null {
  if (value === null) return null;
  let text = typeof value === "string" ? value : String(value);
  for (const normalization of normalizations) {
    text = applyNormalization(text, normalization, options);
    if (text === "") return null;
  }
  return text === "" ? null : text;
}
