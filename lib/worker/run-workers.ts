import { startDeliveryWorker } from "../delivery/delivery-worker";
import { startRefreshWorker } from "../datasources/refresh-worker";
import { unificationEngine } from "../unification/run/engine";
import { startUnificationWorker } from "../unification/run/unification-worker";

export type RunningWorkers = { stop(): Promise<void> };

/**
 * The background half of the product: data source refreshes, unification runs and webhook
 * deliveries. The loops run in one process so that events produced by a refresh or a run wake
 * the delivery loop in-process; several such processes may share a PostgreSQL database.
 */
export const runWorkers = (workerId: string): RunningWorkers => {
  const refresh = startRefreshWorker({ workerId });
  const unification = startUnificationWorker(unificationEngine, { workerId });
  const delivery = startDeliveryWorker({ workerId });
  return {
    stop: async () => {
      await Promise.all([refresh.stop(), unification.stop(), delivery.stop()]);
    },
  };
};
