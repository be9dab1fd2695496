import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getSettings } from "../settings/settings";

// Secrets at rest: AES-256-GCM, stored as "v1.<iv>.<tag>.<ciphertext>" (base64url parts).
const VERSION = "v1";

let cachedKey: Buffer | undefined;

const decodeKey = (encoded: string, from: string): Buffer => {
  const key = Buffer.from(encoded.trim(), "base64");
  if (key.length !== 32) throw new Error(`The encryption key in ${from} must be 32 bytes, base64-encoded.`);
  return key;
};

/** APP_ENCRYPTION_KEY when set; otherwise a key generated into the data directory on first use. */
export const getEncryptionKey = (): Buffer => {
  if (cachedKey) return cachedKey;
  const settings = getSettings();
  if (settings.APP_ENCRYPTION_KEY) {
    cachedKey = decodeKey(settings.APP_ENCRYPTION_KEY, "APP_ENCRYPTION_KEY");
    return cachedKey;
  }
  const file = path.join(settings.dataDir, "encryption.key");
  if (!existsSync(file)) {
    mkdirSync(settings.dataDir, { recursive: true });
    // "wx" fails if another process created it first; then we read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  cachedKey = decodeKey(readFileSync(file, "utf8"), file);
  return cachedKey;
};

export const resetEncryptionKeyCache = () => {
  cachedKey = undefined;
};

export const encryptSecret = (plaintext: string, key = getEncryptionKey()): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
};

export const decryptSecret = (sealed: string, key = getEncryptionKey()): string => {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error("Unrecognised secret format.");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
};
