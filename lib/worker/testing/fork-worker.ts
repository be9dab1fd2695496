import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { unsafeUniformIntDistribution, xoroshiro128plus } from "pure-rand";
import type { WorkerLoopName } from "../loops";

export type WorkerProcessOptions = {
  loop: WorkerLoopName;
  workerId: string;
  leaseMs: number;
  pollMs: number;
  /** Delivery loop only. */
  concurrency?: number;
  claimLimit?: number;
};

export type WorkerProcess = {
  workerId: string;
  child: ChildProcess;
  /** Resolves once the process has loaded and connected; rejects when it exits first. */
  ready: Promise<void>;
  /** Starts its loop (after `ready`); resolves once the loop runs. */
  start(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Forks a process that will run one worker loop against the database at `databaseUrl`.
 * Its loop starts on `start()`: fork the next one ahead, and a restart is immediate.
 */
export const forkWorker = (options: WorkerProcessOptions & { databaseUrl: string; env?: Record<string, string> }): WorkerProcess => {
  const { databaseUrl, env, ...processOptions } = options;
  const child = fork(fileURLToPath(new URL("./worker-process.ts", import.meta.url)), [JSON.stringify(processOptions)], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const said = (word: string) => {
    const heard = new Promise<void>((resolve, reject) => {
      const listen = (message: unknown) => {
        if (message !== word) return;
        child.off("message", listen);
        resolve();
      };
      child.on("message", listen);
      void exited.then(({ code, signal }) => reject(new Error(`Worker ${options.workerId} exited before it was ${word} (${signal ?? code}).`)));
    });
    heard.catch(() => undefined);
    return heard;
  };
  const ready = said("ready");
  const started = said("started");
  return {
    workerId: options.workerId,
    child,
    ready,
    start: async () => {
      await ready;
      child.send("start");
      await started;
    },
    exited,
  };
};

/** Stops it gracefully (SIGTERM) unless it already exited; resolves with how it ended. */
export const stopWorker = async (worker: WorkerProcess) => {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  return worker.exited;
};

/** Integers in [from, to] from a seeded generator: the crash tests print the seed so a failure can be replayed. */
export const seededIntegers = (seed: number) => {
  const generator = xoroshiro128plus(seed);
  return (from: number, to: number) => unsafeUniformIntDistribution(from, to, generator);
};

/** FAULT_SEED from the environment when set (to replay a failure), else a new one. */
export const faultSeed = (what: string) => {
  const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${what}: seed ${seed} (FAULT_SEED=${seed} replays these kill moments)`);
  return seed;
};
