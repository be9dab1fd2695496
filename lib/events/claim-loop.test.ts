import { describe, expect, it } from "vitest";
import { startClaimLoop } from "./claim-loop";
import { createWakeSignal } from "./wake-signal";

const until = async (check: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe("startClaimLoop", () => {
  it("runs what it claims back to back, sleeps when idle, and a wake-up ends the sleep at once", async () => {
    const queue = [1, 2, 3];
    const ran: number[] = [];
    let claims = 0;
    const signal = createWakeSignal("test work");
    const loop = startClaimLoop({
      name: "test",
      pollMs: 60_000,
      onWake: signal.on,
      claimNext: async () => {
        claims++;
        return queue.shift() ?? null;
      },
      runClaimed: async (job) => {
        ran.push(job);
      },
    });
    await until(() => ran.length === 3 && claims === 4);
    // Idle now, for a minute unless woken.
    queue.push(4);
    signal.notify();
    await until(() => ran.length === 4);
    await loop.stop();
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it("logs a failing claim or job and goes on", async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const loop = startClaimLoop({
        name: "test",
        pollMs: 1,
        claimNext: async () => {
          calls++;
          if (calls === 1) throw new Error("claim failed");
          return calls === 2 ? "job" : null;
        },
        runClaimed: async () => {
          throw new Error("job failed");
        },
      });
      await until(() => calls >= 4);
      await loop.stop();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(2);
  });

  it("stops while asleep without waiting for the poll", async () => {
    const loop = startClaimLoop({ name: "test", pollMs: 60_000, claimNext: async () => null, runClaimed: async () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
