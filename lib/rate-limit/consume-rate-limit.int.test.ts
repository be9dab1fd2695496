import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, createDb } from "../db/client";
import { useTestDatabase } from "../testing/test-database";
import { type RateLimitPolicy, CONNECTION_RATE_LIMIT } from "./connection-rate-limit";
import { consumeRateLimit, windowStartOf } from "./consume-rate-limit";

const database = useTestDatabase();
const db = () => database.current().db;
const repoRoot = path.resolve(import.meta.dirname, "../..");

const clients: Db[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
});

// A window's start, then moments inside it: the clock is given, never waited for.
const T0 = new Date("2026-11-28T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const policy: RateLimitPolicy = CONNECTION_RATE_LIMIT;

const callsOf = async (key: string, n: number, now: Date, client: Db = db()) => {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await consumeRateLimit(client, key, policy, now));
  return decisions;
};

const windowRows = () => db().rateLimitWindow.findMany({ orderBy: [{ key: "asc" }, { windowStart: "asc" }] });

describe("consumeRateLimit (100 calls per fixed 60-second window)", () => {
  it("allows 100 calls, refuses the 101st and every later one with a Retry-After within (0, 60]", async () => {
    const allowed = await callsOf("k-limit", 100, at(12.3));
    expect(allowed.every((d) => d.allowed)).toBe(true);
    expect(allowed.map((d) => d.count)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    const refused = await consumeRateLimit(db(), "k-limit", policy, at(12.3));
    expect(refused).toMatchObject({ allowed: false, count: 101, windowStart: T0 });
    // 47.7 s left in the window: rounded up, so a client that waits that long is let through.
    expect(refused.retryAfterSeconds).toBe(48);
    expect((await consumeRateLimit(db(), "k-limit", policy, at(0))).retryAfterSeconds).toBe(60);
    expect(await consumeRateLimit(db(), "k-limit", policy, at(59.999))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    // The refusals after the first one wrote nothing.
    expect((await windowRows()).find((r) => r.key === "k-limit")?.count).toBe(101);
  });

  it("starts afresh in the next window", async () => {
    await callsOf("k-reset", 101, at(30));
    const next = await consumeRateLimit(db(), "k-reset", policy, at(60));
    expect(next).toMatchObject({ allowed: true, count: 1, windowStart: at(60), retryAfterSeconds: 60 });
  });

  it("counts each key on its own", async () => {
    await callsOf("k-one", 101, at(5));
    const other = await callsOf("k-two", 100, at(5));
    expect(other.every((d) => d.allowed)).toBe(true);
    expect((await consumeRateLimit(db(), "k-one", policy, at(6))).allowed).toBe(false);
  });

  it("aligns windows to the epoch", () => {
    expect(windowStartOf(new Date("2026-11-28T10:00:59.999Z"), 60)).toEqual(new Date("2026-11-28T10:00:00.000Z"));
    expect(windowStartOf(new Date("2026-11-28T10:01:00.000Z"), 60)).toEqual(new Date("2026-11-28T10:01:00.000Z"));
  });

  it("sweeps ended windows when a key opens a new one, so the table holds only current windows", async () => {
    await db().rateLimitWindow.deleteMany();
    await callsOf("k-a", 3, at(120));
    await callsOf("k-b", 2, at(130));
    await callsOf("k-a", 1, at(185));
    // k-a's new window swept both ended ones; k-b's next call opens its own.
    expect(await windowRows()).toEqual([{ key: "k-a", windowStart: at(180), count: 1 }]);
    await callsOf("k-b", 1, at(190));
    expect((await windowRows()).map((r) => [r.key, r.count])).toEqual([
      ["k-a", 1],
      ["k-b", 1],
    ]);
  });

  it(
    "lets exactly 100 of 150 concurrent calls through, from this client, a second one and another process",
    async () => {
      const { target } = database.current();
      const key = "k-concurrent";
      const now = at(600);
      const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "lib/rate-limit/testing/count-calls-process.ts")], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: target.url, RATE_LIMIT_KEY: key, RATE_LIMIT_CALLS: "50", RATE_LIMIT_NOW: now.toISOString() },
        stdio: ["pipe", "pipe", "pipe"],
      });
      children.push(child);
      let log = "";
      child.stderr!.on("data", (chunk) => (log += chunk));
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const nextLine = async () => {
        const { value, done } = await lines.next();
        if (done) throw new Error(`The counting process ended early:\n${log}`);
        return value as string;
      };
      expect(await nextLine()).toBe("ready");

      const second = createDb(target);
      clients.push(second);
      await second.tenant.count();

      child.stdin!.write("go\n");
      const inProcess = await Promise.all([
        ...Array.from({ length: 50 }, () => consumeRateLimit(db(), key, policy, now)),
        ...Array.from({ length: 50 }, () => consumeRateLimit(second, key, policy, now)),
      ]);
      const fromChild = JSON.parse(await nextLine()) as { allowed: number };

      expect(inProcess.filter((d) => d.allowed).length + fromChild.allowed).toBe(100);
      // No count was handed out twice: the allowed calls this process saw have distinct counts, and
      // counting stopped at the first refusal.
      const counts = inProcess.filter((d) => d.allowed).map((d) => d.count);
      expect(new Set(counts).size).toBe(counts.length);
      const row = await db().rateLimitWindow.findUniqueOrThrow({ where: { key_windowStart: { key, windowStart: windowStartOf(now, 60) } } });
      expect(row.count).toBe(101);
    },
    60_000,
  );
});
