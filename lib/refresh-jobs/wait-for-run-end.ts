// Waits until a run started by a task ends: looks at it, then sleeps until this process says a run
// ended (the wake signal of the loop that executes it) or pollMs passes (another process runs it),
// renewing the job's lease between looks.

export const waitForRunEnd = async <R extends { status: string }>(options: {
  read: () => Promise<R | null>;
  onEnded: (listener: () => void) => () => void;
  keepLease: () => Promise<void>;
  pollMs: number;
}): Promise<R | null> => {
  let ended = false;
  let wake: (() => void) | undefined;
  const off = options.onEnded(() => {
    ended = true;
    wake?.();
  });
  try {
    for (;;) {
      ended = false;
      const run = await options.read();
      if (!run || run.status === "successful" || run.status === "failed") return run;
      await options.keepLease();
      if (ended) continue;
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
    off();
  }
};
