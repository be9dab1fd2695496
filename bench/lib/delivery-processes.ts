// The receiver (bench/delivery/receiver.ts) and the producer (bench/delivery/producer.ts), each in
// its own process, driven over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "../../lib/db/provider";
import type { ProducerDone } from "../delivery/producer";

const forkScript = (file: string, env?: NodeJS.ProcessEnv) =>
  fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    env: env ?? process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });

/** The next IPC message of `kind` from the child. */
const nextMessage = <T>(child: ChildProcess, kind: string) =>
  new Promise<T>((resolve) => {
    const listener = (message: { kind: string } & T) => {
      if (message.kind !== kind) return;
      child.off("message", listener);
      resolve(message);
    };
    child.on("message", listener);
  });

export type ReceiverStats = { count: number; tests: number; latencies: number[]; duplicates: number };

/** A local http endpoint answering 204 to everything, on 127.0.0.1 at a port of its choosing. */
export const startReceiver = async () => {
  const child = forkScript("../delivery/receiver.ts");
  const { port } = await nextMessage<{ port: number }>(child, "ready");
  return {
    child,
    url: `http://127.0.0.1:${port}/hook`,
    origin: `http://127.0.0.1:${port}`,
    /** Zeroes the counts and starts timing and de-duplicating what arrives from now on. */
    reset: async () => {
      const done = nextMessage(child, "reset");
      child.send({ kind: "reset" });
      await done;
    },
    /** The counts alone (cheap enough to sample every second). */
    count: async () => {
      const done = nextMessage<{ count: number; tests: number }>(child, "count");
      child.send({ kind: "count" });
      return done;
    },
    stats: async () => {
      const done = nextMessage<ReceiverStats>(child, "stats");
      child.send({ kind: "stats" });
      return done;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ kind: "stop" });
      }),
  };
};
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The event producer, connected and waiting for `start`; `env` is its whole environment (default: this process's). */
export const startProducer = async (env?: NodeJS.ProcessEnv) => {
  const child = forkScript("../delivery/producer.ts", env);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`The producer exited (${signal ?? code}) before reporting.`))),
  );
  exited.catch(() => {}); // only a rejection for whoever is waiting on a report
  await Promise.race([nextMessage(child, "ready"), exited]);
  let done: Promise<ProducerDone> | undefined;
  return {
    child,
    /** Commits events at `rate` per second: `total` of them, or until `stop` when total is null. Resolves when it is done. */
    start: (options: { target: DatabaseTarget; rate: number; total: number | null }) => {
      done = Promise.race([nextMessage<ProducerDone>(child, "done"), exited]);
      child.send({ kind: "start", ...options });
      return done;
    },
    /** No new events; resolves once the ones in flight have committed or failed. */
    stop: async () => {
      if (!done) throw new Error("The producer was not started.");
      child.send({ kind: "stop" });
      return done;
    },
    kill: () => child.kill(),
  };
};
export type Producer = Awaited<ReturnType<typeof startProducer>>;
