import type { ChildProcess } from "node:child_process";

type Tracked = { child: ChildProcess; group: boolean };

/**
 * The processes a benchmark started, to stop them by their own ids at the end (or on Ctrl-C).
 * A process started with `detached: true` leads its own process group and is signalled as a group,
 * so that what it started (next start's server) stops with it.
 */
export const createChildProcesses = () => {
  const tracked: Tracked[] = [];
  const isRunning = (child: ChildProcess) => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const signal = ({ child, group }: Tracked, name: NodeJS.Signals) => {
    if (!isRunning(child)) return;
    try {
      if (group) process.kill(-child.pid!, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  const entryOf = (child: ChildProcess) => tracked.find((entry) => entry.child === child) ?? { child, group: false };
  return {
    track: <T extends ChildProcess>(child: T, options: { group: boolean }): T => {
      tracked.push({ child, group: options.group });
      return child;
    },
    /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it exited. */
    stop: async (child: ChildProcess, graceMs = 10_000) => {
      if (!isRunning(child)) return;
      const entry = entryOf(child);
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      signal(entry, "SIGTERM");
      const timer = setTimeout(() => signal(entry, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    /** Synchronous last resort (Ctrl-C, a failed run): SIGTERM to every tracked process still running. */
    terminateAll: () => {
      for (const entry of tracked) signal(entry, "SIGTERM");
    },
  };
};
