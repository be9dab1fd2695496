import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// Benchmarks drive the outbox on purpose (timed producers in other processes); tests may too.
const scanned = ["app", "components", "lib", "scripts"];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });

describe("the producer rule", () => {
  it("enqueues events and wakes the delivery workers only through commitWithEvents", () => {
    const offenders = scanned
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !file.startsWith(path.join(root, "lib", "events") + path.sep))
      .filter((file) => /\b(enqueueEvent|signalDeliveriesPending)\s*\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders, "commit results with their events through commitWithEvents (lib/events/commit-with-events.ts)").toEqual([]);
  });
});
