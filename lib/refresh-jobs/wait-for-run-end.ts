import { throwIfStopped } from "./job-interruptions";

// Waits until a run started by a task ends: looks at it, then sleeps until this process says a run
// ended (the wake signal of the loop that executes it) or pollMs passes (another process runs it),
// renewing the job's lease between looks. The worker's stop ends the wait too (JobStopped): the
// loop that would end the run is stopping, so the run may never end while this worker waits.

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
  signal?.addEventListener("abort", onAbort);
  try {
    for (;;) {
      throwIfStopped(signal);
      ended = false;
      const run = await options.read();
      if (!run || run.status === "successful" || run.status === "failed") return run;
      await options.keepLease();
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


