import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Prefixed, URL-safe, time-ordered ids (`evt_…`, `msg_…`): a millisecond timestamp then
 * random characters, so ids sort by creation and never collide in practice.
 */
export const newId = (prefix: string, now = Date.now()): string => {
  const time = now.toString(36).padStart(9, "0");
  const bytes = randomBytes(12);
  let random = "";
  for (const byte of bytes) random += alphabet[byte % 36];
  return `${prefix}_${time}${random}`;
};
