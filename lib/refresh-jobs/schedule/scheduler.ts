import { getDb } from "../../db/client";
import { tickScheduler } from "./tick-scheduler";

export type Scheduler = { stop(): Promise<void> };

/** How often the scheduler looks at the schedules: cron's precision is the minute, so a second is on time. */
export const SCHEDULER_TICK_MS = 1_000;

/**
 * The scheduler loop: ticks every tickMs and starts the due scheduled full refreshes
 * (tickScheduler). The clock is injected so tests can move time without sleeping; the loop's own
 * pacing uses real timers. Safe to run in several processes at once (see tickScheduler).
 */
export const startScheduler = (options: { clock?: () => Date; tickMs?: number } = {}): Scheduler => {
  const clock = options.clock ?? (() => new Date());
  const tickMs = options.tickMs ?? SCHEDULER_TICK_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await tickScheduler(getDb(), clock());
      } catch (error) {
        console.error("Scheduler: could not read the schedules", error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, tickMs);
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
};
