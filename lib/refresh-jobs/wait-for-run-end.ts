import { JobLost, JobStopped, throwIfStopped } from "./job-interruptions";

// Waits until a run started by a task ends: looks at it, then sleeps until this process says a run
// ended (the wake signal of the loop that executes it) or pollMs passes (another process runs it),
// renewing the job's lease between looks. The worker's stop ends the wait too (JobStopped): the
// loop that would end the run is stopping, so the run may never end while this worker waits.
// A renewal that fails for another reason (the database busy with the awaited run's own long
// transaction) does not fail the wait: the lease is long, and the next look renews it.

export const waitForRunEnd = async <R extends { status: string }>(options: {
  read: () => Promise<R | null>;
  onEnded: (listener: () => void) => () => void;
  keepLease: () => Promise<void>;
  pollMs: number;
  signal?: AbortSignal;
}): Promise<R | null> => {
  const { signal } = options;
  let ended = false;
  let wake: (() => void) | undefined;
  const off = options.onEnded(() => {
    ended = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  let renewalFailed = false;
  signal?.addEventListener("abort", onAbort);
  try {
    for (;;) {
      throwIfStopped(signal);
      ended = false;
      const run = await options.read();
      if (!run || run.status === "successful" || run.status === "failed") return run;
      try {
        await options.keepLease();
      } catch (error) {
        if (error instanceof JobLost || error instanceof JobStopped) throw error;
        if (!renewalFailed) console.warn("Full refresh: could not renew the job's lease while waiting for a run; trying again at the next look", error);
        renewalFailed = true;
      }
      if (ended) continue;
      throwIfStopped(signal);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    off();
  }
};


