import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// Stored as `scrypt$N$r$p$salt$hash` (base64url) so the cost can be raised later while old
// hashes keep verifying with the parameters they were made with.
const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;
const maxN = 1 << 20;

const derive = (password: string, salt: Buffer, cost: { N: number; r: number; p: number }, length: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, length, { ...cost, maxmem: 256 * cost.N * cost.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p }, keyLength);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
};

const parse = (stored: string) => {
  const [scheme, n, rr, pp, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return undefined;
  const cost = { N: Number(n), r: Number(rr), p: Number(pp) };
  const valid =
    Number.isInteger(cost.N) && cost.N > 1 && cost.N <= maxN && (cost.N & (cost.N - 1)) === 0 &&
    Number.isInteger(cost.r) && cost.r >= 1 && cost.r <= 32 &&
    Number.isInteger(cost.p) && cost.p >= 1 && cost.p <= 16;
  if (!valid) return undefined;
  const expected = Buffer.from(key, "base64url");
  if (expected.length < 16) return undefined;
  return { cost, salt: Buffer.from(salt, "base64url"), expected };
};

// A hash of nothing in particular: unknown emails still pay for one scrypt, so response
// time does not tell which accounts exist.
let decoy: Promise<string> | undefined;

/** True when `password` matches `stored`. A missing or malformed hash never matches. */
export const verifyPassword = async (password: string, stored: string | null | undefined): Promise<boolean> => {
  const parsed = stored ? parse(stored) : undefined;
  if (!parsed) {
    decoy ??= hashPassword(randomBytes(16).toString("hex"));
    const fallback = parse(await decoy)!;
    await derive(password, fallback.salt, fallback.cost, fallback.expected.length);
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.cost, parsed.expected.length);
  return timingSafeEqual(actual, parsed.expected);
};
