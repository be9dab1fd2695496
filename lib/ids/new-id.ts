import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 12;

/**
 * Prefixed, URL-safe, time-ordered ids (`evt_…`, `msg_…`): a millisecond timestamp then
 * random characters, so ids sort by creation and never collide in practice.
 */
export const newId = (prefix: string, now = Date.now()): string => {
  const time = now.toString(36).padStart(9, "0");
  const bytes = randomBytes(RANDOM_CHARS);
  let random = "";
  for (const byte of bytes) random += alphabet[byte % 36];
  return `${prefix}_${time}${random}`;
};

/**
 * `count` ids like newId's for the same moment, from ONE call for random bytes: a batch of
 * attempts, or a fan-out to 10,000 deliveries, would otherwise make one call per id.
 */
export const newIds = (prefix: string, count: number, now = Date.now()): string[] => {
  const head = `${prefix}_${now.toString(36).padStart(9, "0")}`;
  const bytes = randomBytes(count * RANDOM_CHARS);
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    let random = "";
    for (let j = i * RANDOM_CHARS; j < (i + 1) * RANDOM_CHARS; j++) random += alphabet[bytes[j]! % 36];
    ids[i] = head + random;
  }
  return ids;
};
