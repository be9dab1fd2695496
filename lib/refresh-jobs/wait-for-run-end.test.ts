import { describe, expect, it, vi } from "vitest";
import { DatabaseBusyError } from "../db/database-busy-error";
import { JobLost, JobStopped } from "./job-interruptions";
import { waitForRunEnd } from "./wait-for-run-end";

const noSignal = () => () => undefined;
const runs = (...statuses: string[]) => {
  const read = vi.fn(async () => ({ status: statuses.shift() ?? "running" }));
  return read;
};

describe("waiting for a task's run", () => {
  it("a renewal the busy database refuses does not fail the wait: the next look renews again", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const keepLease = vi.fn().mockRejectedValueOnce(new DatabaseBusyError(5_000)).mockResolvedValue(undefined);
    const run = await waitForRunEnd({ read: runs("running", "running", "successful"), onEnded: noSignal, keepLease, pollMs: 1 });
    expect(run).toEqual({ status: "successful" });
    expect(keepLease).toHaveBeenCalledTimes(2);
  });

  it("a lost job still ends the wait", async () => {
    const keepLease = vi.fn().mockRejectedValue(new JobLost());
    await expect(waitForRunEnd({ read: runs("running"), onEnded: noSignal, keepLease, pollMs: 1 })).rejects.toBeInstanceOf(JobLost);
  });

  it("the worker's stop ends a wait for a run that never ends", async () => {
    const stopping = new AbortController();
    const waiting = waitForRunEnd({ read: runs(), onEnded: noSignal, keepLease: async () => undefined, pollMs: 60_000, signal: stopping.signal });
    setTimeout(() => stopping.abort(), 10);
    await expect(waiting).rejects.toBeInstanceOf(JobStopped);
  });
});
