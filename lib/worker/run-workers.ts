import { startDeliveryWorker } from "../delivery/delivery-worker";
import { startRefreshWorker } from "../datasources/refresh-worker";

export type RunningWorkers = { stop(): Promise<void> };

/**
 * The background half of the product: data source refreshes and webhook deliveries.
 * Both loops run in one process so that events produced by a refresh wake the delivery
 * loop in-process; several such processes may share a PostgreSQL database.
 */
export const runWorkers = (workerId: string): RunningWorkers => {
  const refresh = startRefreshWorker({ workerId });
  const delivery = startDeliveryWorker({ workerId });
  return {
    stop: async () => {
      await Promise.all([refresh.stop(), delivery.stop()]);
    },
  };
};
