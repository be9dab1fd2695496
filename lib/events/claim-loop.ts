// The skeleton every job loop of the worker shares (data source refreshes and unification runs):
// claim one job, run it, claim again at once; with nothing to claim, sleep pollMs unless this
// process's wake-up signal fires first. Claims are leased by the domain (claimNext), so several
// workers may share a database. Lives next to the wake-up signals because a loop is their listener;
// the delivery loop, a batched pump with its own pacing, keeps its own loop.

export type ClaimLoop = { stop(): Promise<void> };

export type ClaimLoopDefinition<Claimed> = {
  /** For logs. */
  name: string;
  /** How long to sleep when nothing was claimed and nothing woke the loop. */
  pollMs: number;
  /** Listens to this process's wake-up signal for the loop's work (a WakeSignal's `on`). */
  onWake?: (listener: () => void) => () => void;
  /** Claims the next job under a lease, or null when none is due. */
  claimNext: () => Promise<Claimed | null>;
  /**
   * Runs a claimed job to the end; failures are the job's to record (a throw is only logged). The
   * signal aborts when the loop is stopped: a job that waits on other loops (stopped too) must give
   * its job back rather than wait for ever.
   */
  runClaimed: (claimed: Claimed, signal: AbortSignal) => Promise<unknown>;
};

export const startClaimLoop = <Claimed>({ name, pollMs, onWake, claimNext, runClaimed }: ClaimLoopDefinition<Claimed>): ClaimLoop => {
  let stopped = false;
  const stopping = new AbortController();
  let wake: (() => void) | undefined;
  // A signal that arrives while a job runs is kept, so the next sleep is skipped.
  let pendingWake = false;
  const offWake = onWake?.(() => {
    pendingWake = true;
    wake?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      pendingWake = false;
      let worked = false;
      try {
        const claimed = await claimNext();
        if (claimed) {
          worked = true;
          await runClaimed(claimed, stopping.signal);
        }
      } catch (error) {
        console.error(`${name}: could not claim or run a job`, error);
      }
      if (!worked) await sleep();
      wake = undefined;
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      stopping.abort();
      offWake?.();
      wake?.();
      await loop;
    },
  };
};
