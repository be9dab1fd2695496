import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
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

let ticksPerSecond: number | undefined;

/** CPU time (user + system, seconds) used so far by the process `pid`, or by every process of its group with `group`. */
export const cpuSeconds = (pid: number, options: { group?: boolean } = {}) => {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  const pids = options.group ? readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)) : [String(pid)];
  let ticks = 0;
  for (const candidate of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${candidate}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // The fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (options.group && Number(fields[2]) !== pid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
};
