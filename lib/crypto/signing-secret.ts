import { randomBytes } from "node:crypto";
import { z } from "zod";

const SECRET_BYTES = 32;

/** whsec_ + base64 of 32 random bytes (Standard Webhooks; one secret per registration). */
export const generateSigningSecret = (): string => `whsec_${randomBytes(SECRET_BYTES).toString("base64")}`;

// The spec allows 24–64 bytes; secrets coming from elsewhere (rotation, import) may differ from ours.
export const ZSigningSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "A signing secret looks like whsec_ followed by base64.")
  .refine((value) => {
    const encoded = value.slice("whsec_".length);
    if (encoded.length % 4 !== 0) return false;
    const bytes = Buffer.from(encoded, "base64").length;
    return bytes >= 24 && bytes <= 64;
  }, "A signing secret must hold 24 to 64 bytes.");
