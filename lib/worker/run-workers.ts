import { workerLoops } from "./loops";

export type RunningWorkers = { stop(): Promise<void> };

/**
 * The background half of the product: every loop of lib/worker/loops.ts (data source refreshes,
 * unification runs, full refresh jobs and their scheduler, webhook deliveries). They run in one
 * process so that events produced by a refresh or a run wake the delivery loop in-process, and a
 * run's end wakes the full refresh job waiting for it; several such processes may share a
 * PostgreSQL database.
 */
export const runWorkers = (workerId: string): RunningWorkers => {
  const running = Object.values(workerLoops).map((start) => start({ workerId }));
  return {
    stop: async () => {
      await Promise.all(running.map((loop) => loop.stop()));
    },
  };
};
