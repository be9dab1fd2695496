import { z } from "zod";

// An endpoint and its signing secret as people type them: shared by destinations and by the
// registrations that send to an endpoint of their own (the wizard's pasted URL, a Power Automate subscription).

/**
 * Syntax only; whether the host may be reached is decided on the server (lib/security/ssrf-guard.ts).
 * One check function with early returns: zod runs every refinement even after one failed,
 * and `new URL` throws on what canParse refused.
 */
export const ZCallbackUrl = z
  .string()
  .trim()
  .check((ctx) => {
    const value = ctx.value;
    const fail = (message: string) => {
      ctx.issues.push({ code: "custom", message, input: value });
    };
    if (value.length === 0) return fail("Enter the endpoint URL.");
    if (value.length > 2048) return fail("The URL is too long (2048 characters at most).");
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail("Enter a full URL, starting with https://.");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return fail("The URL must start with https://.");
    if (url.username || url.password) return fail("The URL must not contain a user name or password.");
  });

/**
 * A Standard Webhooks secret: whsec_ + base64 of 24 to 64 bytes. Same rule as ZSigningSecret in
 * lib/crypto/signing-secret.ts (a unit test keeps them in step), written without Buffer so
 * this browser-shared module pulls no Node polyfill into the wizard's bundle.
 */
export const ZSigningSecretInput = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "A signing secret looks like whsec_ followed by base64.")
  .refine((value) => {
    const encoded = value.slice("whsec_".length);
    if (encoded.length % 4 !== 0) return false;
    const padding = encoded.endsWith("==") ? 2 : encoded.endsWith("=") ? 1 : 0;
    const bytes = (encoded.length / 4) * 3 - padding;
    return bytes >= 24 && bytes <= 64;
  }, "A signing secret must hold 24 to 64 bytes.");
