import pg from "pg";
import { DELIVERY_CHANNEL } from "../../events/delivery-signal";

export type DeliveryListener = { close(): Promise<void> };

const RECONNECT_MS = 1_000;

/**
 * PostgreSQL only: wakes the delivery loop when any process commits an event
 * (enqueueEvent's pg_notify), so the first attempt does not wait for the next poll. The
 * poll stays as the safety net: a lost connection costs latency, never a delivery.
 */
export const listenForDeliveries = (
  connectionString: string,
  onPending: () => void,
  onError: (error: unknown) => void,
): DeliveryListener => {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const current = new pg.Client({ connectionString });
    client = current;
    const reconnect = (error: unknown) => {
      if (closed || client !== current) return;
      onError(error);
      client = undefined;
      void current.end().catch(() => {});
      retry = setTimeout(() => void connect(), RECONNECT_MS);
      // Anything committed while the listener was down is found by this wake-up's claim.
      onPending();
    };
    current.on("error", reconnect);
    current.on("notification", () => onPending());
    try {
      await current.connect();
      await current.query(`LISTEN ${DELIVERY_CHANNEL}`);
      if (closed) return void (await current.end());
      // Events committed before LISTEN took effect sent no notification we could hear.
      onPending();
    } catch (error) {
      reconnect(error);
    }
  };
  void connect();

  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
};
