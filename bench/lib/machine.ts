import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

/** What a benchmark figure depends on: cores, CPU model, Node version. */
export const describeMachine = () => {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model.trim() ?? "unknown";
  return { nproc: execFileSync("nproc").toString().trim(), cpu, node: process.version };
};

/** os.loadavg() as "1 min, 5 min, 15 min", two decimals. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
