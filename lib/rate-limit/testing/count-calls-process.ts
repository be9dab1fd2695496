// Another app process counting calls of one key against the shared database, for the rate limit's
// concurrency test: connects, says "ready", and on "go" (stdin) fires CALLS calls at once, then
// prints how many were allowed as JSON and exits.
import { createInterface } from "node:readline";
import { createDb } from "../../db/client";
import { resolveDatabaseTarget } from "../../db/provider";
import { CONNECTION_RATE_LIMIT } from "../connection-rate-limit";
import { consumeRateLimit } from "../consume-rate-limit";

const { DATABASE_URL, RATE_LIMIT_KEY, RATE_LIMIT_CALLS, RATE_LIMIT_NOW } = process.env;
const db = createDb(resolveDatabaseTarget(DATABASE_URL, "."));
// Connected before "ready", so the calls race the parent's and not the connection set-up.
await db.tenant.count();
await consumeRateLimit(db, `${RATE_LIMIT_KEY}:warm-up`, CONNECTION_RATE_LIMIT, new Date(RATE_LIMIT_NOW!));
console.log("ready");

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "go") continue;
  const decisions = await Promise.all(
    Array.from({ length: Number(RATE_LIMIT_CALLS) }, () => consumeRateLimit(db, RATE_LIMIT_KEY!, CONNECTION_RATE_LIMIT, new Date(RATE_LIMIT_NOW!))),
  );
  console.log(JSON.stringify({ allowed: decisions.filter((d) => d.allowed).length }));
  break;
}
await db.$disconnect();
